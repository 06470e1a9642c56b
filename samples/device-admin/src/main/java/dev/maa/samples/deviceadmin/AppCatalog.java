package dev.maa.samples.deviceadmin;

import static dev.maa.api.Action.ASSIGN;
import static dev.maa.api.Action.CREATE;
import static dev.maa.api.Action.DELETE;
import static dev.maa.api.Action.UPDATE;
import static dev.maa.api.ResourceType.APP;

import dev.maa.api.Justification;
import dev.maa.api.Protected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The app catalog; every change is protected, reads are not. */
public class AppCatalog implements AppManagement {

    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, List<String>> assignments = new ConcurrentHashMap<>();
    private final SideEffects effects;

    public AppCatalog(SideEffects effects) {
        this.effects = effects;
    }

    @Override
    @Protected(resource = APP, action = CREATE, objectId = "app.id", platformFrom = "app.platform")
    public void createApp(App app) {
        apps.put(app.id(), app);
        effects.record("created app " + app.id());
    }

    @Override
    @Protected(resource = APP, action = UPDATE, objectId = "app.id", platformFrom = "app.platform")
    public void updateApp(App app) {
        if (!apps.containsKey(app.id())) {
            throw new IllegalArgumentException("No app " + app.id());
        }
        apps.put(app.id(), app);
        effects.record("updated app " + app.id() + " to " + app.version());
    }

    @Override
    @Protected(resource = APP, action = ASSIGN, objectId = "appId")
    public void assignApp(String appId, String group) {
        assignments.computeIfAbsent(appId, k -> new ArrayList<>()).add(group);
        effects.record("assigned app " + appId + " to " + group);
    }

    @Override
    @Protected(resource = APP, action = DELETE, objectId = "appId")
    public void deleteApp(String appId) {
        if (apps.remove(appId) == null) {
            throw new IllegalArgumentException("No app " + appId);
        }
        effects.record("deleted app " + appId);
    }

    /** A delete that carries its justification as a parameter instead of a {@code Maa.justify} scope. */
    @Protected(resource = APP, action = DELETE, objectId = "appId")
    public void retireApp(String appId, @Justification String why) {
        deleteApp(appId);
    }

    @Override
    public Optional<App> findApp(String appId) {
        return Optional.ofNullable(apps.get(appId));
    }

    @Override
    public List<App> listApps() {
        return List.copyOf(apps.values());
    }
}
