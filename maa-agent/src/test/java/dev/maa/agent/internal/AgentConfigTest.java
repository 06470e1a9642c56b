package dev.maa.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    @Test
    void arguments_configureIncludeExcludeAndDebug() {
        AgentConfig c = AgentConfig.parse("include=com.acme.:org.example.,exclude=com.acme.gen.,debug=true");

        assertThat(c.include()).containsExactly("com.acme.", "org.example.");
        assertThat(c.debug()).isTrue();
        assertThat(c.admits("com.acme.Apps")).isTrue();
        assertThat(c.admits("com.acme.gen.Apps")).isFalse();
        assertThat(c.admits("net.other.Apps")).isFalse();
    }

    @Test
    void noArguments_admitEveryType() {
        assertThat(AgentConfig.parse(null).admits("anything.At.All")).isTrue();
    }

    @Test
    void agentSectionOfTheYamlFile_isRead_andOtherSectionsIgnored(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("maa.yaml");
        Files.writeString(yaml, """
                # host settings
                store:
                  h2: data/maa
                agent:
                  include: [com.acme., "org.example."]
                  exclude:
                    - com.acme.generated.
                  debug: true   # log each type
                policies:
                  include: [ignored.]
                enforcement:                # the host's engine reads these two (ServerSettings, EmbeddedMaa)
                  default: enforce
                  methods:
                    com.acme.Apps.delete: audit
                decision_logs: { file: { path: decisions.jsonl } }
                """);

        AgentConfig c = AgentConfig.parse("config=" + yaml);

        assertThat(c.include()).containsExactly("com.acme.", "org.example.");
        assertThat(c.exclude()).containsExactly("com.acme.generated.");
        assertThat(c.debug()).isTrue();
        assertThat(c.configFile()).isEqualTo(yaml.toAbsolutePath());
    }

    @Test
    void badOptionsAndMissingFiles_failWithTheirName() {
        assertThatThrownBy(() -> AgentConfig.parse("verbose")).hasMessageContaining("'verbose' is not key=value");
        assertThatThrownBy(() -> AgentConfig.parse("color=red")).hasMessageContaining("unknown option 'color'");
        assertThatThrownBy(() -> AgentConfig.parse("config=/no/such/maa.yaml"))
                .hasMessageContaining("cannot read config file");
    }

    @Test
    void jdkAndAgentTypes_areIgnored_applicationTypesAreNot() {
        assertThat(ProtectedTypes.ignored().matches(TypeDescription.ForLoadedType.of(String.class)))
                .isTrue();
        assertThat(ProtectedTypes.ignored().matches(TypeDescription.ForLoadedType.of(AgentConfig.class)))
                .isTrue();
        assertThat(ProtectedTypes.ignored().matches(TypeDescription.ForLoadedType.of(List.class)))
                .isTrue();
        assertThat(ProtectedTypes.ignored()
                        .matches(TypeDescription.ForLoadedType.of(dev.maa.agent.fixtures.Reports.class)))
                .isFalse();
    }
}
