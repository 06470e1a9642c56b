package dev.maa.benchmarks.store;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;

import dev.maa.api.Protected;

/** The protected call the store benchmarks park, approve and complete. */
public interface BenchApps {

    @Protected(resource = APP, action = DELETE)
    void deleteApp(String appId);
}
