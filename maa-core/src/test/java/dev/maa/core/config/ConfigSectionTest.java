package dev.maa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Durations;
import dev.maa.api.MaaConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSectionTest {

    @TempDir
    Path dir;

    private static final String YAML = """
            store:
              pool_size: 4
              h2_shared: true
              h2_path: data/maa
              purge_interval: 1h30m
              password_env: MAA_DB_PASSWORD
              user: ~
            auth:
              reader_groups: [Auditors, " ", Security Admins]
            """;

    @Test
    void typedGetters_readEachValue_andTreatNullAsNotSet() {
        ConfigSection store = ConfigSection.parse(YAML, "maa.yaml").section("store");

        assertThat(store.path()).isEqualTo("store");
        assertThat(store.integer("pool_size", 1, 500, 10)).isEqualTo(4);
        assertThat(store.bool("h2_shared", false)).isTrue();
        assertThat(store.path("h2_path", dir)).contains(dir.resolve("data/maa"));
        assertThat(store.duration("purge_interval")).contains(Duration.ofMinutes(90));
        assertThat(store.secretFromEnv("password_env", Map.of("MAA_DB_PASSWORD", "pw")::get))
                .contains("pw");
        assertThat(store.string("user")).isEmpty();
        assertThat(store.duration("audit_retention")).isEmpty();
        assertThat(ConfigSection.parse(YAML, "maa.yaml").section("auth").strings("reader_groups"))
                .containsExactly("Auditors", "Security Admins");
    }

    @Test
    void tildePaths_areUnderTheUsersHome() {
        ConfigSection s = ConfigSection.parse("policies: {dir: ~/maa-policies}", "maa.yaml")
                .section("policies");

        assertThat(s.path("dir", dir)).contains(Path.of(System.getProperty("user.home"), "maa-policies"));
    }

    @Test
    void badValues_areRefused_inTheOneFormat() {
        ConfigSection store = ConfigSection.parse(YAML, "maa.yaml").section("store");

        assertThatThrownBy(() -> store.integer("pool_size", 5, 500))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessage("maa.yaml: store.pool_size: must be a whole number from 5 to 500, was '4'");
        assertThatThrownBy(() -> store.bool("pool_size"))
                .hasMessage("maa.yaml: store.pool_size: must be true or false, was '4'");
        assertThatThrownBy(() -> store.duration("h2_path"))
                .hasMessageStartingWith("maa.yaml: store.h2_path: 'data/maa' is not a duration")
                .hasMessageEndingWith(Durations.FORMS);
        assertThatThrownBy(() -> store.secretFromEnv("password_env", Map.<String, String>of()::get))
                .hasMessage("maa.yaml: store.password_env: names MAA_DB_PASSWORD, which is not set; export it with"
                        + " the secret");
        assertThatThrownBy(() -> ConfigSection.parse("store: [a]", "maa.yaml").section("store"))
                .hasMessageStartingWith("maa.yaml: store: must be a map of settings");
    }

    @Test
    void requireKnownKeys_namesTheUnknownKey_andEveryKnownOne() {
        ConfigSection store = ConfigSection.parse(YAML, "maa.yaml").section("store");

        assertThatThrownBy(() -> store.requireKnownKeys(Set.of("pool_size", "h2_path")))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessage("maa.yaml: store.h2_shared: unknown key; known keys: [h2_path, pool_size]");
        assertThatThrownBy(() -> ConfigSection.parse(YAML, "maa.yaml").requireKnownKeys(Set.of("auth")))
                .hasMessage("maa.yaml: store: unknown section; known keys: [auth]");
    }

    @Test
    void read_namesTheFile_whenItIsMissingOrNotYaml() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigSection.read(missing)).hasMessageContaining(missing.toString());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "store: {pool_size: [\n");
        assertThatThrownBy(() -> ConfigSection.read(bad)).hasMessageStartingWith(bad + ": not valid YAML");
        assertThat(ConfigSection.read(Files.writeString(dir.resolve("empty.yaml"), ""))
                        .isEmpty())
                .isTrue();
    }
}
