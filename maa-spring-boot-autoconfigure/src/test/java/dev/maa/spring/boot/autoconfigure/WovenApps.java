package dev.maa.spring.boot.autoconfigure;

import static dev.maa.api.Action.CREATE;
import static dev.maa.api.ResourceType.APP;

import dev.maa.api.Protected;
import java.util.concurrent.atomic.AtomicInteger;

/** Loaded only after {@link AgentAttachedTest} started the agent, so the agent weaves it. */
public class WovenApps {

    final AtomicInteger created = new AtomicInteger();

    @Protected(resource = APP, action = CREATE, objectId = "appId")
    public String createApp(String appId) {
        created.incrementAndGet();
        return appId;
    }
}
