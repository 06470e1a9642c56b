package dev.maa.core.testing;

import static dev.maa.api.Action.CREATE;
import static dev.maa.api.Action.DELETE;
import static dev.maa.api.Action.DEPLOY;
import static dev.maa.api.Action.UPDATE;
import static dev.maa.api.Action.WIPE;
import static dev.maa.api.ResourceType.APP;
import static dev.maa.api.ResourceType.DEVICE_ACTION;
import static dev.maa.api.ResourceType.ROLE;
import static dev.maa.api.ResourceType.SCRIPT;

import dev.maa.api.Justification;
import dev.maa.api.Protected;
import dev.maa.api.Urgent;
import dev.maa.core.testing.model.App;
import java.math.BigDecimal;

/** A protected service interface covering the fixture policy's cases (see {@link Fixtures#policy()}). */
public interface AppAdmin {

    @Protected(resource = APP, action = DELETE)
    void deleteApp(String appId);

    @Protected(resource = APP, action = CREATE, objectId = "app.id", platformFrom = "app.platform")
    String createApp(App app);

    @Protected(resource = APP, action = UPDATE, objectId = "app.id")
    String updateApp(App app, BigDecimal price);

    @Protected(resource = DEVICE_ACTION, action = WIPE, objectId = "deviceId")
    void wipeDevice(String deviceId, @Justification String why, @Urgent boolean urgent);

    @Protected(resource = SCRIPT, action = DEPLOY)
    void deployScript(String scriptId);

    @Protected(resource = ROLE, action = DELETE)
    void deleteRole(String roleId);

    /** Unprotected: passes the gatekeeper untouched. */
    int countApps();
}
