package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Durations;
import dev.maa.api.MaaConfigurationException;
import dev.maa.notify.NotificationsConfig;
import dev.maa.policies.AccessPolicies;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one {@code maa.yaml}: every key where an operator writes a duration, in every module, takes the same forms
 * and refuses a bad value in the same words; the server reads the sections it owns and lets maa-agent's through.
 */
class MaaYamlTest {

    @TempDir
    Path home;

    /**
     * One duration-bearing key: the file it is written in, its path there, and how to read it back.
     *
     * @param yaml the file's text with {@code %s} where the value goes
     */
    record Key(String path, String fileName, String yaml, Function<Path, Duration> read) {
        @Override
        public String toString() {
            return path;
        }
    }

    private static Function<Path, Duration> server(Function<ServerSettings, Duration> get) {
        return file -> get.apply(ServerSettings.load(file, file.getParent()));
    }

    private static Function<Path, Duration> notifications(Function<NotificationsConfig, Duration> get) {
        return server(s -> get.apply(s.notifications()));
    }

    private static Function<Path, Duration> policy(Function<dev.maa.policies.AccessPolicy, Duration> get) {
        return file -> {
            try {
                return get.apply(AccessPolicies.parse(file.toString(), Files.readString(file))
                        .policies()
                        .get(0));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private static final String POLICY = """
            access_policies:
              - name: Apps
                profile_type: APP
                actions: [DELETE]
                approver_groups: [App Approvers]
                %s
            """;

    /** Every key of every module where an operator writes a duration. */
    static final List<Key> KEYS = List.of(
            new Key(
                    "store.audit_retention",
                    "maa.yaml",
                    "store: {audit_retention: '%s'}",
                    server(s -> s.store().jdbc().auditRetention())),
            new Key(
                    "store.request_retention",
                    "maa.yaml",
                    "store: {request_retention: '%s'}",
                    server(s -> s.store().jdbc().requestRetention())),
            new Key(
                    "store.purge_interval",
                    "maa.yaml",
                    "store: {purge_interval: '%s'}",
                    server(s -> s.store().jdbc().purgeInterval())),
            new Key(
                    "notifications.webhook.timeout",
                    "maa.yaml",
                    "notifications: {webhook: {url: 'https://hooks.example/maa', secret_env: S, timeout: '%s'}}",
                    notifications(n -> n.webhook().timeout())),
            new Key(
                    "notifications.email.timeout",
                    "maa.yaml",
                    "notifications: {email: {smtp_host: localhost, from: maa@example.com, timeout: '%s'}}",
                    notifications(n -> n.email().timeout())),
            new Key(
                    "notifications.delivery.initial_backoff",
                    "maa.yaml",
                    "notifications: {delivery: {initial_backoff: '%s'}}",
                    notifications(n -> n.delivery().initialBackoff())),
            new Key(
                    "notifications.delivery.max_backoff",
                    "maa.yaml",
                    "notifications: {delivery: {max_backoff: '%s'}}",
                    notifications(n -> n.delivery().maxBackoff())),
            new Key(
                    "notifications.delivery.drain_timeout",
                    "maa.yaml",
                    "notifications: {delivery: {drain_timeout: '%s'}}",
                    notifications(n -> n.delivery().drainTimeout())),
            new Key(
                    "notifications.webhook.delivery.max_backoff",
                    "maa.yaml",
                    "notifications: {webhook: {url: 'https://hooks.example/maa', delivery: {max_backoff: '%s'}}}",
                    notifications(n -> n.webhook().delivery().maxBackoff())),
            new Key(
                    "access_policies[0].ttl",
                    "access-policies.yaml",
                    POLICY.formatted("ttl: '%s'"),
                    policy(dev.maa.policies.AccessPolicy::ttl)),
            new Key(
                    "access_policies[0].urgent_ttl",
                    "access-policies.yaml",
                    POLICY.formatted("urgent_ttl: '%s'"),
                    policy(dev.maa.policies.AccessPolicy::urgentTtl)));

    /** Each form and what it means; all within every key's range (the purge interval takes 1 s to 7 days). */
    static final List<String[]> FORMS = List.of(
            new String[] {"1500ms", "PT1.5S"},
            new String[] {"90s", "PT90S"},
            new String[] {"5m", "PT5M"},
            new String[] {"24h", "PT24H"},
            new String[] {"7d", "PT168H"},
            new String[] {"1h30m", "PT1H30M"},
            new String[] {"1d12h", "PT36H"},
            new String[] {"PT1H", "PT1H"},
            new String[] {"P2D", "PT48H"});

    static Stream<Arguments> everyKeyAndForm() {
        return KEYS.stream().flatMap(k -> FORMS.stream().map(f -> Arguments.of(k, f[0], Duration.parse(f[1]))));
    }

    static Stream<Key> everyKey() {
        return KEYS.stream();
    }

    private Path write(Key key, String value) throws Exception {
        return Files.writeString(home.resolve(key.fileName()), key.yaml().formatted(value) + "\n");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyKeyAndForm")
    void everyDurationKey_acceptsTheSameForms(Key key, String form, Duration expected) throws Exception {
        assertThat(key.read().apply(write(key, form))).isEqualTo(expected);
    }

    static Stream<Arguments> everyKeyAndBadValue() {
        return KEYS.stream().flatMap(k -> Stream.of("soon", "1:30").map(v -> Arguments.of(k, v)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyKeyAndBadValue")
    void everyDurationKey_refusesABadValue_namingTheFileTheKeyAndTheForms(Key key, String bad) throws Exception {
        Path file = write(key, bad);

        assertThatThrownBy(() -> key.read().apply(file))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(key.path() + ": '" + bad + "' is not a duration (")
                .hasMessageContaining(Durations.FORMS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKey")
    void everyDurationKey_refusesANumberWithoutUnit(Key key) throws Exception {
        Path file = write(key, "2555");

        assertThatThrownBy(() -> key.read().apply(file))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(key.path())
                .hasMessageContaining("a number needs a unit, such as 2555s");
    }

    @Test
    void server_startsWithAMaaYaml_holdingAnAgentSection() throws Exception {
        Path file = Files.writeString(home.resolve("maa.yaml"), """
                server: { port: 0, bind: 127.0.0.1 }
                store: { purge_interval: 1h }
                agent:
                  include: [dev.maa.samples.]
                  exclude:
                    - dev.maa.samples.generated.
                  debug: false
                """);

        try (MaaServer server = MaaServer.start(ServerSetup.configure(ServerSettings.load(file, home)))) {
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.uri().resolve("/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknownSection_isRefused_namingTheFileAndTheKnownSections() throws Exception {
        Path file = Files.writeString(home.resolve("maa.yaml"), "agnet:\n  debug: true\n");

        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessage(file
                        + ": agnet: unknown section; known keys: [agent, approvals, auth, decision_logs, directory,"
                        + " enforcement, executor, notifications, policies, scim, server, store]");
    }

    @Test
    void unknownNotificationsKey_isRefused_inTheSameFormat() throws Exception {
        Path file = Files.writeString(home.resolve("maa.yaml"), "notifications:\n  webhook: { uri: x }\n");

        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageStartingWith(file + ": notifications.webhook.uri: unknown key; known keys: [")
                .hasMessageContaining("secret_env");
    }

    @Test
    void badScalar_inAServerSection_namesTheKey() throws Exception {
        Path file = Files.writeString(home.resolve("maa.yaml"), "server: { port: 80808 }\n");

        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .hasMessage(file + ": server.port: must be a whole number from 0 to 65535, was '80808'");
    }

    @Test
    void enforcementAndDecisionLogs_areRead_forTheEngine() throws Exception {
        Path file = Files.writeString(home.resolve("maa.yaml"), """
                enforcement:
                  default: enforce
                  methods: { com.acme.Apps.delete: audit }
                decision_logs:
                  allow_sample_rate: 0.01
                  file: { path: logs/decisions.jsonl }
                """);

        ServerSettings s = ServerSettings.load(file, home);

        assertThat(s.enforcement())
                .hasToString("EnforcementDefaults[default=enforce, methods={com.acme.Apps.delete=AUDIT}]");
        assertThat(s.decisionLogs().section("file").path("path", home)).contains(home.resolve("logs/decisions.jsonl"));
        assertThat(ServerSettings.defaults(home).enforcement()).isSameAs(dev.maa.core.EnforcementDefaults.enforce());
        assertThat(ServerSettings.defaults(home).decisionLogs().isEmpty()).isTrue();
    }

    @Test
    void badEnforcementValue_isRefused_namingTheKeyAndTheValuesAccepted() throws Exception {
        Path file = Files.writeString(home.resolve("maa.yaml"), "enforcement: { methods: { com.acme.Apps: warn } }\n");

        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessage(file + ": enforcement.methods.com.acme.Apps: 'warn' is not an enforcement; use enforce or"
                        + " audit");
    }

    @Test
    void unknownDecisionLogsKey_isRefused_atLoad() throws Exception {
        Path file = Files.writeString(
                home.resolve("maa.yaml"), "decision_logs: { file: { path: d.jsonl }, sample_rate: 0.5 }\n");

        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageStartingWith(file + ": decision_logs.sample_rate: unknown key; known keys: [")
                .hasMessageContaining("allow_sample_rate");
    }

    @Test
    void decisionLogsWithoutSink_isRefused_sayingWhatToAdd() throws Exception {
        Path file = Files.writeString(home.resolve("maa.yaml"), "decision_logs: { allow_sample_rate: 0.5 }\n");

        assertThatThrownBy(() -> ServerSettings.load(file, home))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("decision_logs")
                .hasMessageContaining("file: {path: decisions.jsonl}");
    }
}
