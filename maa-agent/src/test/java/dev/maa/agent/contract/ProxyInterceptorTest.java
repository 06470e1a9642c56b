package dev.maa.agent.contract;

import dev.maa.core.MaaEngine;

/** The contract against the foundation's own entry point, a JDK proxy from {@link MaaEngine#protect}. */
class ProxyInterceptorTest extends InterceptorContract {

    @Override
    protected Inventory inventory(MaaEngine engine) throws Exception {
        Class<?> type = new ChildFirst(
                        "dev.maa.agent.contract.fixtures.", getClass().getClassLoader())
                .loadClass("dev.maa.agent.contract.fixtures.InventoryService");
        return engine.protect(Inventory.class, (Inventory) type.getConstructor().newInstance());
    }
}
