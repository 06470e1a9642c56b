package dev.maa.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class GateTransformerTest {

    private final GateTransformer gate = new GateTransformer(
            AgentConfig.parse("exclude=dev.maa.agent.fixtures.Isolated"), new LoadTimeWeaver(AgentConfig.defaults()));

    @Test
    void classNamingTheAnnotation_isHandedOn_othersArePassedOver() throws IOException {
        assertThat(gate.mayDeclareProtected(
                        "dev/maa/agent/fixtures/Reports", classFile("dev/maa/agent/fixtures/Reports")))
                .isTrue();
        assertThat(gate.mayDeclareProtected("dev/maa/agent/LogCapture", classFile("dev/maa/agent/LogCapture")))
                .isFalse();
    }

    @Test
    void excludedJdkAndAgentTypes_arePassedOver_withoutLookingAtTheBytes() throws IOException {
        byte[] protectedClass = classFile("dev/maa/agent/fixtures/Reports");

        assertThat(gate.mayDeclareProtected("dev/maa/agent/fixtures/Isolated", protectedClass))
                .isFalse();
        assertThat(gate.mayDeclareProtected("java/lang/String", protectedClass)).isFalse();
        assertThat(gate.mayDeclareProtected("dev/maa/agent/internal/ProtectedAdvice", protectedClass))
                .isFalse();
    }

    @Test
    void bootstrapClasses_areNeverTransformed() throws Exception {
        assertThat(gate.transform(
                        null,
                        "dev/maa/agent/fixtures/Reports",
                        null,
                        null,
                        classFile("dev/maa/agent/fixtures/Reports")))
                .isNull();
    }

    @Test
    void contains_findsTheNeedleAnywhere() {
        assertThat(GateTransformer.contains("xxabcx".getBytes(), "abc".getBytes()))
                .isTrue();
        assertThat(GateTransformer.contains("abab".getBytes(), "abc".getBytes()))
                .isFalse();
        assertThat(GateTransformer.contains("ab".getBytes(), "abc".getBytes())).isFalse();
    }

    private static byte[] classFile(String internalName) throws IOException {
        try (InputStream in = GateTransformerTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}
