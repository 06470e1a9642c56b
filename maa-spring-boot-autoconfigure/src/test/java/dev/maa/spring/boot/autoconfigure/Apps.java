package dev.maa.spring.boot.autoconfigure;

import static dev.maa.api.Action.CREATE;
import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;

import dev.maa.api.Protected;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bean with protected methods, as an application writes one. */
public class Apps {

    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Protected(resource = APP, action = DELETE, objectId = "appId")
    public void deleteApp(String appId) {
        ran.add("deleted " + appId);
    }

    @Protected(resource = APP, action = CREATE, objectId = "appId")
    public String createApp(String appId) {
        ran.add("created " + appId);
        return appId;
    }

    public int count() {
        return ran.size();
    }

    /** What ran, read through the proxy (a proxy's own fields are empty). */
    public List<String> ran() {
        return List.copyOf(ran);
    }
}
