package dev.maa.agent.contract;

import java.util.List;

/**
 * What the contract suite calls. Loaded by the test's own loader and shared with the fixture loaders; the
 * implementation ({@link dev.maa.agent.contract.fixtures.InventoryService}) carries the annotations and is loaded,
 * per configuration, by a loader that instruments or weaves it.
 */
public interface Inventory {

    /** Needs approval by one App-Approver. */
    void deleteApp(String appId);

    /** Allowed. */
    String updateApp(String appId, String version);

    /** Allowed; returns a primitive. */
    long countAssignments(String appId);

    /** Allowed; the body throws. */
    void breakApp(String appId);

    /** Denied by policy. */
    void deleteRole(String roleId);

    /** Not annotated. */
    String describe(String appId);

    /** Every change that really ran, in order. */
    List<String> effects();
}
