package dev.maa.benchmarks.agent;

import static dev.maa.api.Action.UPDATE;
import static dev.maa.api.ResourceType.APP;

import dev.maa.api.Protected;

/** The measured service: one protected and one plain method with the same trivial body. */
public class Catalog {

    @Protected(resource = APP, action = UPDATE, objectId = "appId")
    public String update(String appId) {
        return appId;
    }

    public String read(String appId) {
        return appId;
    }
}
