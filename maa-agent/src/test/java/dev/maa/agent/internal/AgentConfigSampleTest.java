package dev.maa.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's hand-rolled reader (it may not bring a YAML library onto the application class path) against a real
 * YAML parser: on the sample's {@code maa.yaml}, and on the other forms the agent documents, both must read the
 * same {@code agent:} section.
 */
class AgentConfigSampleTest {

    private static final Path SAMPLE = Path.of("..", "samples", "device-admin", "src", "main", "resources", "maa.yaml");

    @TempDir
    Path dir;

    @Test
    void sampleMaaYaml_readsTheSame_withAgentConfigAndJackson() throws Exception {
        assertThat(SAMPLE).exists();
        Map<String, Object> handRolled = AgentConfig.readAgentSection(SAMPLE);

        assertThat(handRolled).isEqualTo(jackson(SAMPLE)).containsKey("include");
        String before = System.getProperty(AgentConfig.CONFIG_PROPERTY);
        try {
            AgentConfig c = AgentConfig.parse("config=" + SAMPLE);
            assertThat(c.include()).isEqualTo(jackson(SAMPLE).get("include"));
            assertThat(c.debug())
                    .isEqualTo(
                            Boolean.parseBoolean(String.valueOf(jackson(SAMPLE).get("debug"))));
        } finally {
            if (before == null) {
                System.clearProperty(AgentConfig.CONFIG_PROPERTY);
            }
        }
    }

    @Test
    void documentedForms_readTheSame_withAgentConfigAndJackson() throws Exception {
        Path file = Files.writeString(dir.resolve("maa.yaml"), """
                # the host's own sections are skipped
                server: { port: 8080 }
                agent:
                  include: [com.acme., "org.example."]   # flow list, a quoted entry
                  exclude:
                    - com.acme.generated.
                    - 'com.acme.proxies.'
                  debug: true
                store:
                  h2_path: ~/.maa/maa
                """);

        assertThat(AgentConfig.readAgentSection(file)).isEqualTo(jackson(file));
    }

    /** The {@code agent:} section as Jackson's YAML parser reads it, lists as lists and scalars as text. */
    private static Map<String, Object> jackson(Path file) throws Exception {
        JsonNode agent =
                new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).path("agent");
        Map<String, Object> out = new LinkedHashMap<>();
        agent.fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                out.put(e.getKey(), values);
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }
}
