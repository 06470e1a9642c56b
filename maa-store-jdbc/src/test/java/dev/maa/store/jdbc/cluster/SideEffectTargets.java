package dev.maa.store.jdbc.cluster;

import java.util.concurrent.CountDownLatch;

/** Targets for the child JVMs: one records each execution, one records that it started and then hangs. */
final class SideEffectTargets {

    private SideEffectTargets() {
    }

    /** Appends one EXECUTED row per call. */
    static SideEffects recording(SideEffectTable table, String node) {
        return new SideEffects() {
            @Override
            public void deleteApp(String appId) {
                table.record(appId, SideEffectTable.EXECUTED, node);
            }

            @Override
            public String ping() {
                return "pong";
            }
        };
    }

    /** Appends a STARTED row, then blocks until the JVM is killed: a node dying in the middle of the call. */
    static SideEffects hanging(SideEffectTable table, String node) {
        CountDownLatch never = new CountDownLatch(1);
        return new SideEffects() {
            @Override
            public void deleteApp(String appId) {
                table.record(appId, SideEffectTable.STARTED, node);
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while hanging", e);
                }
            }

            @Override
            public String ping() {
                return "pong";
            }
        };
    }
}
