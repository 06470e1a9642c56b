package dev.maa.core.testing;

import dev.maa.core.testing.model.App;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AppAdmin} that records what really ran; {@code failOn} makes a call throw. */
public class RecordingAppAdmin implements AppAdmin {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String failOn;

    public RecordingAppAdmin failOn(String objectId) {
        failOn = objectId;
        return this;
    }

    private void ran(String call, String objectId) {
        calls.add(call);
        if (objectId.equals(failOn)) {
            throw new IllegalStateException("target failed for " + objectId + " (test)");
        }
    }

    @Override
    public void deleteApp(String appId) {
        ran("deleteApp(" + appId + ")", appId);
    }

    @Override
    public String createApp(App app) {
        ran("createApp(" + app.id() + ")", app.id());
        return "created " + app.id();
    }

    @Override
    public String updateApp(App app, BigDecimal price) {
        ran("updateApp(" + app.id() + "," + price.toPlainString() + ")", app.id());
        return "updated " + app.id();
    }

    @Override
    public void wipeDevice(String deviceId, String why, boolean urgent) {
        ran("wipeDevice(" + deviceId + ")", deviceId);
    }

    @Override
    public void deployScript(String scriptId) {
        ran("deployScript(" + scriptId + ")", scriptId);
    }

    @Override
    public void deleteRole(String roleId) {
        ran("deleteRole(" + roleId + ")", roleId);
    }

    @Override
    public int countApps() {
        return calls.size();
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }
}
