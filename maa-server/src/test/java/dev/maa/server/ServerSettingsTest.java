package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.MaaConfigurationException;
import dev.maa.store.jdbc.JdbcStoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(s.readerGroups()).containsExactly("Security Admins");
        assertThat(s.trustTokenGroups()).isFalse();
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
        assertThat(s.store().h2Path()).isEqualTo(home.resolve("data/maa"));
        assertThat(s.usersFile()).isEqualTo(home.resolve("people.yaml"));
        assertThat(s.readerGroups()).containsExactly("Auditors");
        assertThat(s.policiesDir()).isEqualTo(home.resolve("policies"));
        assertThat(s.audience()).isEqualTo("maa-server");
    }

    @Test
    void store_retentionPurgePoolAndOutcomes_reachTheStoreSettings() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, """
                store:
                  h2_path: data/maa
                  h2_shared: true
                  pool_size: 4
                  audit_retention: P3650D
                  request_retention: P90D
                  purge_interval: PT6H
                  durable_outcomes: true
                """);
        JdbcStoreSettings jdbc = ServerSettings.load(file, home).store().jdbc();
        assertThat(jdbc.url())
                .startsWith("jdbc:h2:")
                .contains(home.resolve("data/maa").toString())
                .contains("AUTO_SERVER=TRUE");
        assertThat(jdbc.poolSize()).isEqualTo(4);
        assertThat(jdbc.auditRetention()).isEqualTo(Duration.ofDays(3650));
        assertThat(jdbc.requestRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(jdbc.purgeInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(jdbc.durableOutcomes()).isTrue();
    }

    @Test
    void store_defaults_areSevenYearsOfAudit_purgedHourly() {
        JdbcStoreSettings jdbc = ServerSettings.defaults(home).store().jdbc();
        assertThat(jdbc.auditRetention()).isEqualTo(Duration.parse("P2555D"));
        assertThat(jdbc.requestRetention()).isEqualTo(Duration.parse("P2555D"));
        assertThat(jdbc.purgeInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(jdbc.durableOutcomes()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "audit_retention: 7 years | store.audit_retention: '7 years' is not a duration",
                "request_retention: P0D | store.request_retention: requestRetention must be a positive duration",
                "purge_interval: PT0.01S | store.purge_interval: purgeInterval must be zero",
                "pool_size: ten | store.pool_size: must be a whole number from 1 to 500, was 'ten'",
                "pool_size: 0 | store.pool_size: must be a whole number from 1 to 500, was '0'",
                "durable_outcomes: sometimes | store.durable_outcomes: must be true or false",
                "'{ url: jdbc:postgresql://db/maa, password_env: MAA_UNSET_DB_PASSWORD_FOR_TEST }' | store.password_env: names MAA_UNSET_DB_PASSWORD_FOR_TEST, which is not set"
            })
    void store_withABadValue_isRefused_namingTheKeyAndWhatWouldDo(String entry, String message) throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, entry.startsWith("{") ? "store: " + entry + "\n" : "store:\n  " + entry + "\n");
        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(message);
    }

    @Test
    void notifications_reachTheEngine_andTheirMetersAreServedOnMetrics() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, """
                notifications:
                  email: { smtp_host: 127.0.0.1, smtp_port: 2525, from: maa@example.com, address_template: "{id}@example.com" }
                """);
        ServerConfig config =
                ServerSetup.configure(ServerSettings.load(file, home).withListen(0, null));
        try {
            assertThat(config.meterRegistry().scrape())
                    .contains("maa_notify_queue_size")
                    .contains("channel=\"email\"");
        } finally {
            for (AutoCloseable r : config.resources()) {
                r.close();
            }
        }
    }

    @Test
    void notifications_areDeliveredFromTheStoresOutbox_byAWorkerThatStopsWithTheServer() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, """
                notifications:
                  email: { smtp_host: 127.0.0.1, smtp_port: 2525, from: maa@example.com, address_template: "{id}@example.com" }
                  outbox: { poll_interval: 50ms, lease: 5s }
                """);
        ServerConfig config =
                ServerSetup.configure(ServerSettings.load(file, home).withListen(0, null));
        try {
            assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName)
                    .contains("maa-notify-outbox");
        } finally {
            for (AutoCloseable r : config.resources()) {
                r.close();
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .doesNotContain("maa-notify-outbox");
    }

    @Test
    void notifications_withAnUnknownKey_areRefusedByName() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, "notifications:\n  webhook: { uri: https://hooks.example/maa }\n");
        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("uri");
    }

    @Test
    void unknownKeys_areRefused_byName() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, "auth:\n  mode: jwt\n  audiense: maa-server\n");
        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(file + ": auth.audiense: unknown key; known keys: [audience, hs256_secret_env,"
                        + " issuer, jwks, mode, oidc, reader_groups, trust_token_groups, users_file]");
    }

    @Test
    void jwtMode_withAMissingSecret_orBothAlgorithms_isAConfigurationError() throws Exception {
        Path file = home.resolve("server.yaml");
        Files.writeString(file, "auth: { mode: jwt, hs256_secret_env: MAA_UNSET_SECRET_FOR_TEST, audience: a }\n");
        assertThatThrownBy(() -> ServerSetup.auth(ServerSettings.load(file, home)))
                .hasMessageContaining("MAA_UNSET_SECRET_FOR_TEST");
        Files.writeString(file, "auth: { mode: jwt, hs256_secret_env: X, jwks: /tmp/j.json, audience: a }\n");
        assertThatThrownBy(() -> ServerSetup.auth(ServerSettings.load(file, home)))
                .hasMessageContaining("not both");
    }

    @Test
    void executor_jobIntervalAndClaimLease_reachTheServer_andATooShortLeaseIsRefusedByKey() throws Exception {
        assertThat(ServerSettings.defaults(home).claimLease()).isEqualTo(Duration.ofMinutes(5));
        Path file = home.resolve("server.yaml");
        Files.writeString(file, "executor: { job_interval: PT0.5S, claim_lease: PT30S }\n");
        ServerSettings s = ServerSettings.load(file, home);
        assertThat(s.jobInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.claimLease()).isEqualTo(Duration.ofSeconds(30));

        Files.writeString(file, "executor: { claim_lease: PT0.5S }\n");
        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("executor.claim_lease")
                .hasMessageContaining("at least 1s");
    }
}
