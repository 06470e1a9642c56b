package dev.maa.samples.bootadmin;

import static dev.maa.api.Action.ASSIGN;
import static dev.maa.api.Action.DELETE;
import static dev.maa.api.Action.WIPE;
import static dev.maa.api.ResourceType.APP;
import static dev.maa.api.ResourceType.DEVICE_ACTION;
import static dev.maa.api.ResourceType.ROLE;

import dev.maa.api.Protected;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Service;

/**
 * The protected operations: annotated, nothing else. The starter's advisor decides each call; a parked call runs
 * here once, when its request is completed.
 */
@Service
public class DeviceService {

    private final Set<String> apps = ConcurrentHashMap.newKeySet();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> roles = new ConcurrentHashMap<>();

    public DeviceService() {
        apps.addAll(List.of("41", "42", "43"));
    }

    @Protected(resource = APP, action = DELETE, objectId = "appId")
    public void deleteApp(String appId) {
        if (!apps.remove(appId)) {
            throw new IllegalArgumentException("no app " + appId);
        }
        changes.add("deleted app " + appId);
    }

    @Protected(resource = DEVICE_ACTION, action = WIPE, objectId = "deviceId")
    public void wipeDevice(String deviceId) {
        changes.add("wiped device " + deviceId);
    }

    @Protected(resource = ROLE, action = ASSIGN, objectId = "role")
    public void assignRole(String role, String user) {
        roles.computeIfAbsent(role, r -> ConcurrentHashMap.newKeySet()).add(user);
        changes.add("assigned " + role + " to " + user);
    }

    public boolean hasApp(String appId) {
        return apps.contains(appId);
    }

    /** Every change that ran, in order. */
    public List<String> changes() {
        return List.copyOf(changes);
    }
}
