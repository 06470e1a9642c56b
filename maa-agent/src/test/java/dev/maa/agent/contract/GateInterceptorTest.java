package dev.maa.agent.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.agent.TestAgent;
import dev.maa.core.MaaEngine;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against maa-agent as {@code -javaagent} installs it (load-time weaving), the fixture defined by a
 * custom child-first loader after registration. {@link AgentInterceptorTest} covers the Byte Buddy
 * path.
 */
class GateInterceptorTest extends InterceptorContract {

    private static final String FIXTURES = "dev.maa.agent.contract.fixtures.";

    @BeforeAll
    static void registerAgent() {
        TestAgent.premain("include=" + FIXTURES);
    }

    @Override
    protected Inventory inventory(MaaEngine engine) throws Exception {
        ChildFirst loader = new ChildFirst(FIXTURES, getClass().getClassLoader());
        Class<?> type = loader.loadClass(FIXTURES + "InventoryService");
        assertThat(type.getClassLoader()).isSameAs(loader);
        assertThat(type.getDeclaredMethods())
                .as("woven by the agent's own weaver (maa$ methods)")
                .anyMatch(m -> m.getName().contains("maa$"));
        Inventory service = (Inventory) type.getConstructor().newInstance();
        engine.registerTarget(service);
        return service;
    }
}
