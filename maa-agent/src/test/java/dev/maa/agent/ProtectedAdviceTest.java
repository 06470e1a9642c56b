package dev.maa.agent;

import org.junit.jupiter.api.BeforeAll;

/** The guard contract with Byte Buddy's advice, installed as on runtime attach (retransforming). */
class ProtectedAdviceTest extends GuardContract {

    @BeforeAll
    static void installAgent() {
        log = LogCapture.start();
        TestAgent.install("include=dev.maa.agent.fixtures.");
    }
}
