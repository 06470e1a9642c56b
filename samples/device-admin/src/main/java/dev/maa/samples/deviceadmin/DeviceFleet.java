package dev.maa.samples.deviceadmin;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.Action.RETIRE;
import static dev.maa.api.Action.WIPE;
import static dev.maa.api.ResourceType.DEVICE_ACTION;

import dev.maa.api.Protected;

/** The managed devices and the destructive actions on them. */
public class DeviceFleet implements DeviceManagement {

    private final SideEffects effects;

    public DeviceFleet(SideEffects effects) {
        this.effects = effects;
    }

    @Override
    @Protected(resource = DEVICE_ACTION, action = WIPE, objectId = "deviceId")
    public void wipeDevice(String deviceId, boolean keepEnrollment) {
        effects.record("wiped device " + deviceId + (keepEnrollment ? " (kept enrollment)" : ""));
    }

    @Override
    @Protected(resource = DEVICE_ACTION, action = RETIRE, objectId = "deviceId")
    public void retireDevice(String deviceId) {
        effects.record("retired device " + deviceId);
    }

    @Override
    @Protected(resource = DEVICE_ACTION, action = DELETE, objectId = "deviceId")
    public void deleteDevice(String deviceId) {
        effects.record("deleted device " + deviceId);
    }
}
