package dev.maa.server;

import dev.maa.api.MaaConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerSettingsTest {

    @TempDir
    Path home;

    @Test
    void defaults_areDevMode_onLoopback() {
        ServerSettings s = ServerSettings.defaults(home);
        assertThat(s.bind()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.authMode()).isEqualTo("dev");
        assertThat(s.usersFile()).isEqualTo(home.resolve("users.yaml"));
    }

    @Test
    void load_readsEverySection_andResolvesPathsAgainstHome() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, """
                server: { port: 9090, bind: 0.0.0.0 }
                store: { h2_path: data/maa }
                auth:
                  mode: jwt
                  users_file: people.yaml
                  hs256_secret_env: MAA_TEST_SECRET
                  audience: maa-server
                  issuer: https://idp.test
                  reader_groups: [Auditors]
                policies: { dir: policies }
                notifications: { email: { smtp_host: localhost, from: maa@example.com, address_template: "{id}@example.com" } }
                """);
        ServerSettings s = ServerSettings.load(file, home).withListen(0, null);
        assertThat(s.port()).isZero();
        assertThat(s.bind()).isEqualTo("0.0.0.0");
        assertThat(s.h2Path()).isEqualTo(home.resolve("data/maa"));
        assertThat(s.usersFile()).isEqualTo(home.resolve("people.yaml"));
        assertThat(s.readerGroups()).containsExactly("Auditors");
        assertThat(s.policiesDir()).isEqualTo(home.resolve("policies"));
        assertThat(s.audience()).isEqualTo("maa-server");
    }

    @Test
    void notifications_reachTheEngine_andTheirMetersAreServedOnMetrics() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, """
                notifications:
                  email: { smtp_host: 127.0.0.1, smtp_port: 2525, from: maa@example.com, address_template: "{id}@example.com" }
                """);
        ServerConfig config = ServerSetup.configure(ServerSettings.load(file, home).withListen(0, null));
        try {
            assertThat(config.meterRegistry().scrape()).contains("maa_notify_queue_size").contains("channel=\"email\"");
        } finally {
            for (AutoCloseable r : config.resources()) {
                r.close();
            }
        }
    }

    @Test
    void notifications_withAnUnknownKey_areRefusedByName() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, "notifications:\n  webhook: { uri: https://hooks.example/maa }\n");
        assertThatThrownBy(() -> ServerSettings.load(file, home)).isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("uri");
    }

    @Test
    void unknownKeys_areRefused_byName() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, "auth:\n  mode: jwt\n  audiense: maa-server\n");
        assertThatThrownBy(() -> ServerSettings.load(file, home)).isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("auth.audiense");
    }

    @Test
    void jwtMode_withAMissingSecret_orBothAlgorithms_isAConfigurationError() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, "auth: { mode: jwt, hs256_secret_env: MAA_UNSET_SECRET_FOR_TEST, audience: a }\n");
        assertThatThrownBy(() -> ServerSetup.auth(ServerSettings.load(file, home)))
                .hasMessageContaining("MAA_UNSET_SECRET_FOR_TEST");
        Files.writeString(file, "auth: { mode: jwt, hs256_secret_env: X, jwks: /tmp/j.json, audience: a }\n");
        assertThatThrownBy(() -> ServerSetup.auth(ServerSettings.load(file, home))).hasMessageContaining("not both");
    }
}
