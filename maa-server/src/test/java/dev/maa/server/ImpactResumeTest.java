package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.AuditEventType;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.RequestStore;
import dev.maa.api.ResourceType;
import dev.maa.core.MaaEngine;
import dev.maa.core.decisionlog.DecisionEvent;
import dev.maa.core.decisionlog.EventDocuments;
import dev.maa.core.view.RequestJson;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.InMemoryPolicyRevisionStore;
import dev.maa.policies.PolicyService;
import dev.maa.policies.PolicySet;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: a policy change's impact that a stop left "computing" is computed at the next start, and in a cluster one
 * node seals it (the request's job lease), never two.
 */
class ImpactResumeTest {

    /** Events in the log of the stop test: several chunks of the replay, so the stop comes before the end. */
    private static final int EVENTS = 30_000;

    @TempDir
    Path tmp;

    /** {@code copies} recorded script deployments (parked today, for 2 approvals), stamped now. */
    private static void writeLog(Path file, int copies) throws Exception {
        var in = TestServer.call("alice", ResourceType.SCRIPT, Action.DEPLOY, "com.acme.Scripts", "deploy");
        String line;
        try (var demo = EmbeddedRegoPolicyEngine.demo()) {
            var d = demo.decide(in);
            line = new EventDocuments(Map.of(), List.of(), List.of())
                    .toJson(new DecisionEvent(d.effect().wireName(), in, d, null, 1), Instant.now());
        }
        List<String> lines = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) {
            lines.add(line);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    /** The demo set with script deployments needing one approval: each recorded deployment would change. */
    private static PolicySet candidate() {
        PolicySet demo = PolicySet.fromClasspath(PolicySet.DEMO);
        Map<String, String> files = new LinkedHashMap<>(demo.files());
        String yaml = files.get("access-policies.yaml");
        files.put("access-policies.yaml", yaml.replace("required_approvals: 2", "required_approvals: 1"));
        return PolicySet.of(files);
    }

    private static String push(PolicyService policies, Principal alice) {
        try (var who = Maa.actingAs(alice);
                var why = Maa.justify("CHG-30 fewer approvals for scripts")) {
            return assertThrows(ApprovalRequiredException.class, () -> policies.push(candidate(), ""))
                    .requestId();
        }
    }

    /** The impact every surface shows for request {@code id}, and how many reports its trail seals. */
    private static JsonNode impact(RequestStore store, String id) {
        ApprovalRequest r = store.find(id).orElseThrow();
        return RequestJson.impact(r, store.auditLog().forRequest(id));
    }

    private static long sealed(RequestStore store, String id) {
        return store.auditLog().forRequest(id).stream()
                .filter(e -> e.event().is(AuditEventType.IMPACT_COMPUTED))
                .count();
    }

    @Test
    @Timeout(300)
    void impactCutByAStop_isComputedAtTheNextStart_andSealedOnce() throws Exception {
        Path home = Files.createDirectory(
                tmp.resolve("home"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        writeLog(home.resolve(PolicyService.DECISION_LOG), EVENTS);
        EmbeddedMaa.Settings settings = EmbeddedMaa.settings(home).build();
        String id;
        try (EmbeddedMaa first = EmbeddedMaa.open(settings)) {
            id = push(first.policies(), first.directory().find("alice").orElseThrow());
            // the stop: what EmbeddedMaa.close does first, here before the store closes so the test can look
            first.policies().close();
            assertThat(impact(first.store(), id).path("state").asText()).isEqualTo("computing");
            assertThat(sealed(first.store(), id)).isZero();
        }
        try (EmbeddedMaa second = EmbeddedMaa.open(settings)) {
            assertThat(second.policies().awaitImpacts(Duration.ofMinutes(4))).isTrue();
            JsonNode impact = impact(second.store(), id);
            assertThat(impact.path("state").asText()).as(impact.toString()).isEqualTo("computed");
            assertThat(impact.path("decisions").asLong()).isEqualTo(EVENTS);
            assertThat(impact.path("changed").asLong()).isEqualTo(EVENTS);
            assertThat(sealed(second.store(), id)).isOne();
            // a further start finds nothing left to compute
            assertThat(second.policies().resumeImpacts()).isFalse();
        }
    }

    @Test
    @Timeout(300)
    void twoNodes_resumingOneImpact_sealItOnce_andNotWhileAnotherNodeHoldsItsLease() throws Exception {
        Path log = tmp.resolve("decisions.jsonl");
        writeLog(log, 3);
        try (JdbcRequestStore store =
                JdbcStores.h2InMemory("resume" + UUID.randomUUID().toString().substring(0, 8))) {
            PolicyService pushing = service(store, "node-a", log);
            pushing.close(); // stopped before it computed anything
            String id = push(pushing, TestServer.USERS.find("alice").orElseThrow());
            String lease = PolicyService.IMPACT_JOB + " " + id;

            // another node is computing it: a start leaves it to that node
            assertThat(store.tryAcquireJobLock(lease, "node-x", Duration.ofMinutes(1), Instant.now()))
                    .isTrue();
            try (PolicyService b = service(store, "node-b", log)) {
                assertThat(b.resumeImpacts()).isTrue();
                assertThat(b.awaitImpacts(Duration.ofMinutes(2))).isTrue();
                assertThat(impact(store, id).path("state").asText()).isEqualTo("computing");
            }
            assertThat(store.releaseJobLock(lease, "node-x")).isTrue();

            // two nodes start at once: one seals
            try (PolicyService b = service(store, "node-b", log);
                    PolicyService c = service(store, "node-c", log)) {
                assertThat(b.resumeImpacts()).isTrue();
                assertThat(c.resumeImpacts()).isTrue();
                assertThat(b.awaitImpacts(Duration.ofMinutes(2))).isTrue();
                assertThat(c.awaitImpacts(Duration.ofMinutes(2))).isTrue();
            }
            assertThat(impact(store, id).path("decisions").asLong()).isEqualTo(3);
            assertThat(sealed(store, id)).isOne();
            // the lease was given back, so no row is left behind
            assertThat(store.tryAcquireJobLock(lease, "node-y", Duration.ofMinutes(1), Instant.now()))
                    .isTrue();
        }
    }

    @Test
    @Timeout(300)
    void impactOfANodeThatDied_isComputedByARunningNode_onceItsLeaseRunsOut() throws Exception {
        Path log = tmp.resolve("decisions.jsonl");
        writeLog(log, 3);
        try (JdbcRequestStore store =
                JdbcStores.h2InMemory("died" + UUID.randomUUID().toString().substring(0, 8))) {
            PolicyService pushing = service(store, "node-a", log);
            pushing.close();
            String id = push(pushing, TestServer.USERS.find("alice").orElseThrow());
            // node-x took the impact's lease and died: nobody renews it, it runs out after ten seconds
            assertThat(store.tryAcquireJobLock(
                            PolicyService.IMPACT_JOB + " " + id, "node-x", Duration.ofSeconds(10), Instant.now()))
                    .isTrue();
            try (PolicyService b = service(store, "node-b", log)) {
                b.resumeImpactsEvery(Duration.ofMillis(200));
                assertThat(b.awaitImpacts(Duration.ofMinutes(2))).isTrue();
                assertThat(impact(store, id).path("state").asText())
                        .as("left to node-x while its lease lasts")
                        .isEqualTo("computing");

                Awaitility.await()
                        .atMost(Duration.ofMinutes(2))
                        .until(() -> "computed"
                                .equals(impact(store, id).path("state").asText()));
                assertThat(b.awaitImpacts(Duration.ofMinutes(2))).isTrue();
                assertThat(impact(store, id).path("decisions").asLong()).isEqualTo(3);
                assertThat(b.resumeImpacts()).as("nothing left to compute").isFalse();
            }
            assertThat(sealed(store, id)).isOne();
        }
    }

    /** A node: its own engine and policy service over the shared store. */
    private static PolicyService service(JdbcRequestStore store, String node, Path log) {
        EmbeddedRegoPolicyEngine rego = EmbeddedRegoPolicyEngine.demo();
        MaaEngine engine = MaaEngine.builder()
                .policyEngine(rego)
                .store(store)
                .directory(TestServer.USERS)
                .allowPackages("dev.maa.policies")
                .nodeId(node)
                .build();
        return new PolicyService(
                engine, rego, new InMemoryPolicyRevisionStore(), log, PolicyService.DEFAULT_IMPACT_WINDOW);
    }
}
