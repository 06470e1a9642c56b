package dev.maa.store.jdbc.cluster;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;

import dev.maa.api.Protected;

/** The protected operation the cluster tests park, approve and run on other JVMs. */
public interface SideEffects {

    @Protected(resource = APP, action = DELETE)
    void deleteApp(String appId);

    /** Not protected: runs whatever the policy engine or the store say. */
    String ping();
}
