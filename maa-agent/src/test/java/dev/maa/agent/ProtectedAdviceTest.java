package dev.maa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.agent.fixtures.Reports;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard contract with Byte Buddy's advice, installed as on runtime attach: {@code Reports} and {@code Scaling}
 * are loaded before, so Byte Buddy retransforms them; the fixtures loaded afterwards ({@code Misannotated},
 * {@code Isolated}) are woven as they load by the gate that the attach registers.
 */
class ProtectedAdviceTest extends GuardContract {

    @BeforeAll
    static void installAgent() throws ClassNotFoundException {
        log = LogCapture.start();
        ClassLoader loader = ProtectedAdviceTest.class.getClassLoader();
        for (String fixture : new String[] {"Reports", "Scaling", "Scaling$Impl"}) {
            Class.forName("dev.maa.agent.fixtures." + fixture, true, loader);
        }
        TestAgent.install("include=dev.maa.agent.fixtures.");
    }

    @Test
    void classesLoadedBeforeTheAttach_wereRetransformedByByteBuddy_notWoven() {
        assertThat(Arrays.stream(Reports.class.getDeclaredMethods()).map(Method::getName))
                .doesNotContain("maa$enter", "purge$maa$body");
    }
}
