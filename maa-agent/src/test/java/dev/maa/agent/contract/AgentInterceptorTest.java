package dev.maa.agent.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.agent.TestAgent;
import dev.maa.core.MaaEngine;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against maa-agent's Byte Buddy path (runtime attach): the fixture is defined by a custom child-first
 * loader after installation, as a Java 8 class file, which the agent weaves with Byte Buddy's advice rather than
 * its own load-time weaver ({@link GateInterceptorTest} covers that one).
 */
class AgentInterceptorTest extends InterceptorContract {

    private static final String FIXTURES = "dev.maa.agent.contract.fixtures.";

    @BeforeAll
    static void installAgent() {
        TestAgent.install("include=" + FIXTURES);
    }

    @Override
    protected Inventory inventory(MaaEngine engine) throws Exception {
        ChildFirst loader = new ChildFirst(FIXTURES, getClass().getClassLoader(), 52);
        Class<?> type = loader.loadClass(FIXTURES + "InventoryService");
        assertThat(type.getClassLoader()).isSameAs(loader);
        assertThat(type.getDeclaredMethods())
                .as("woven by the agent's own weaver (maa$ methods)")
                .noneMatch(m -> m.getName().contains("maa$"));
        Inventory service = (Inventory) type.getConstructor().newInstance();
        engine.registerTarget(service);
        return service;
    }
}
