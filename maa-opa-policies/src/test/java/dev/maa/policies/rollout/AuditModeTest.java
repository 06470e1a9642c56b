package dev.maa.policies.rollout;

import static dev.maa.api.Action.CREATE;
import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Enforcement;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import dev.maa.api.RequestQuery;
import dev.maa.core.EnforcementDefaults;
import dev.maa.core.MaaEngine;
import dev.maa.core.cache.CachingPolicyEngine;
import dev.maa.core.cache.DecisionCacheSettings;
import dev.maa.core.decisionlog.DecisionCounts;
import dev.maa.core.decisionlog.DecisionLogger;
import dev.maa.core.decisionlog.EventDocuments;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.InMemoryPolicyRevisionStore;
import dev.maa.policies.PolicyService;
import dev.maa.policies.PolicySet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 20, enforcement modes: audit mode lets the call run and records what enforcement would have done. */
class AuditModeTest {

    /** A protected service of the test. */
    public interface Apps {
        @Protected(resource = APP, action = DELETE, objectId = "id")
        void delete(String id, String note);

        @Protected(resource = APP, action = CREATE, objectId = "id")
        void create(String id);
    }

    /** The real service: counts its runs. */
    public static final class CountingApps implements Apps {
        private final AtomicInteger runs;

        CountingApps(AtomicInteger runs) {
            this.runs = runs;
        }

        @Override
        public void delete(String id, String note) {
            runs.incrementAndGet();
        }

        @Override
        public void create(String id) {
            runs.incrementAndGet();
        }
    }

    private static final Principal ALICE = Principal.of("alice", "App Admins");
    private static final Principal BOB = Principal.of("bob", "Security Admins");
    private static final String SECRET = "s3cret-argument-value";

    private final AtomicInteger runs = new AtomicInteger();
    private final ListSink sink = new ListSink();
    private DecisionLogger log;
    private EmbeddedRegoPolicyEngine engine;
    private MaaEngine maa;
    private Apps apps;

    @AfterEach
    void close() {
        log.close();
        engine.close();
    }

    private void start(PolicySet policies, EnforcementDefaults defaults, List<String> keep) {
        engine = EmbeddedRegoPolicyEngine.builder().policySet(policies).build();
        log = DecisionLogger.of(
                List.of(sink),
                1.0,
                new EventDocuments(Map.of("service", "apps"), keep, List.of()),
                new DecisionCounts(),
                100,
                10,
                Duration.ofHours(1));
        maa = MaaEngine.builder()
                .policyEngine(engine)
                .allowPackages("dev.maa.policies")
                .enforcementDefaults(defaults)
                .decisionLog(log)
                .directory(StaticDirectory.builder()
                        .user("alice", "App Admins")
                        .user("bob", "Security Admins")
                        .build())
                .build();
        apps = maa.protect(Apps.class, new CountingApps(runs));
    }

    static PolicySet demoWith(String appChangesEnforcement) {
        PolicySet demo = PolicySet.fromClasspath(PolicySet.DEMO);
        Map<String, String> files = new LinkedHashMap<>(demo.files());
        String yaml = demo.files().get("access-policies.yaml");
        String marker = "    justification_required: true\n\n  - name: App creation by App Admins";
        assertThat(yaml).contains(marker);
        files.put(
                "access-policies.yaml",
                yaml.replace(
                        marker,
                        "    justification_required: true\n" + appChangesEnforcement
                                + "\n  - name: App creation by App Admins"));
        return PolicySet.of(files);
    }

    private void deleteAsAlice() {
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-1 retire app")) {
            apps.delete("app-1", SECRET);
        }
    }

    private int storedRequests() {
        return maa.store()
                .list(new RequestQuery(null, java.util.Set.of(), java.util.Set.of(), null, false, 0, 100))
                .size();
    }

    @Test
    void auditPolicy_callRunsOnce_oneWouldRequireApprovalEvent_noRequest_thenEnforceParks() {
        start(demoWith("    enforcement: audit\n"), EnforcementDefaults.enforce(), List.of());

        deleteAsAlice();
        log.flush();

        assertThat(runs).hasValue(1);
        assertThat(storedRequests()).isZero();
        List<JsonNode> events = sink.events();
        assertThat(events).hasSize(1);
        JsonNode e = events.get(0);
        assertThat(e.at("/custom/outcome").asText()).isEqualTo("would_require_approval");
        assertThat(e.at("/result/effect").asText()).isEqualTo("allow");
        assertThat(e.at("/result/audit/0/policy").asText()).isEqualTo("App changes");
        assertThat(e.at("/result/audit/0/approver_groups/0").asText()).isEqualTo("App Approvers");
        assertThat(e.at("/result/audit/0/required_approvals").asInt()).isEqualTo(1);
        assertThat(maa.decisionCounts()
                        .wouldCount("would_require_approval", "App changes", CountingApps.class.getName() + ".delete"))
                .isEqualTo(1);

        // switching the policy to enforce is a policy change, parked and approved like any other
        PolicyService service = new PolicyService(maa, engine, new InMemoryPolicyRevisionStore());
        String change;
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-2 enforce app changes")) {
            change = org.junit.jupiter.api.Assertions.assertThrows(
                            ApprovalRequiredException.class, () -> service.push(demoWith(""), ""))
                    .requestId();
        }
        assertThat(storedRequests()).isEqualTo(1);
        maa.approvals().approve(change, BOB, "ok");
        maa.approvals().complete(change, ALICE);

        assertThatThrownBy(this::deleteAsAlice).isInstanceOf(ApprovalRequiredException.class);
        assertThat(runs).hasValue(1);
        assertThat(storedRequests()).isEqualTo(2);
    }

    @Test
    void operatorDefaultAudit_runsUnpinnedPolicies_butAPolicySayingEnforceParks() {
        EnforcementDefaults audit =
                EnforcementDefaults.of(Enforcement.ENFORCE, Map.of(CountingApps.class.getName(), Enforcement.AUDIT));
        start(demoWith(""), audit, List.of());
        deleteAsAlice();
        assertThat(runs).hasValue(1);
        assertThat(storedRequests()).isZero();
        log.flush();
        assertThat(sink.events()).singleElement().satisfies(e -> {
            assertThat(e.at("/custom/outcome").asText()).isEqualTo("would_require_approval");
            assertThat(e.at("/result/factors/0/policy").asText()).isEqualTo("App changes");
        });
        log.close();
        engine.close();

        start(demoWith("    enforcement: enforce\n"), audit, List.of());
        assertThatThrownBy(this::deleteAsAlice).isInstanceOf(ApprovalRequiredException.class);
        assertThat(runs).hasValue(1);
        assertThat(storedRequests()).isEqualTo(1);
    }

    @Test
    void operatorDefaultAuditForTheWholeService_stillParksAPolicyChange() {
        start(demoWith(""), EnforcementDefaults.of(Enforcement.AUDIT, Map.of()), List.of());
        deleteAsAlice();
        assertThat(runs).hasValue(1);

        PolicyService service = new PolicyService(maa, engine, new InMemoryPolicyRevisionStore());
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-3 drop app changes")) {
            assertThatThrownBy(() -> service.push(demoWith("    enforcement: audit\n"), ""))
                    .isInstanceOf(ApprovalRequiredException.class);
        }
        assertThat(storedRequests()).isEqualTo(1);
    }

    @Test
    void sampledAllow_fromTheDecisionCache_isLoggedInFull_builtOffTheCallersThread() {
        engine = EmbeddedRegoPolicyEngine.builder().policySet(demoWith("")).build();
        log = DecisionLogger.of(
                List.of(sink),
                1.0,
                new EventDocuments(Map.of(), List.of(), List.of()),
                new DecisionCounts(),
                100,
                10,
                Duration.ofHours(1));
        maa = MaaEngine.builder()
                .policyEngine(CachingPolicyEngine.wrap(engine, DecisionCacheSettings.DEFAULTS))
                .decisionLog(log)
                .directory(StaticDirectory.builder().user("alice", "App Admins").build())
                .build();
        apps = maa.protect(Apps.class, new CountingApps(runs));
        try (var who = Maa.actingAs(ALICE)) {
            apps.create("app-7"); // decided in full, then cached
            apps.create("app-7"); // the cache's fast path
        }
        log.flush();

        assertThat(runs).hasValue(2);
        assertThat(sink.events()).hasSize(2).allSatisfy(e -> {
            assertThat(e.at("/custom/outcome").asText()).isEqualTo("allow");
            assertThat(e.at("/input/resource/id").asText()).isEqualTo("app-7");
            assertThat(e.at("/input/operation/arguments").asText()).startsWith("sha256:");
            assertThat(e.at("/custom/sample_rate").asDouble()).isEqualTo(1.0);
        });
    }

    @Test
    void masking_argumentsOfAParkedCall_appearInNoEventUnlessKept() {
        start(demoWith(""), EnforcementDefaults.enforce(), List.of());
        assertThatThrownBy(this::deleteAsAlice).isInstanceOf(ApprovalRequiredException.class);
        log.flush();
        assertThat(sink.lines).singleElement().satisfies(line -> {
            assertThat(line).doesNotContain(SECRET).contains("\"masked\":[\"/input/operation/arguments\"]");
        });
        JsonNode e = sink.events().get(0);
        assertThat(e.at("/input/operation/arguments").asText()).startsWith("sha256:");
        for (String field : List.of("decision_id", "path", "input", "result", "bundles", "timestamp", "labels")) {
            assertThat(e.has(field)).as(field).isTrue();
        }
        assertThat(e.at("/bundles/maa/revision").asText()).isEqualTo(engine.revision());
        log.close();
        engine.close();

        start(demoWith(""), EnforcementDefaults.enforce(), List.of(EventDocuments.ARGUMENTS));
        assertThatThrownBy(this::deleteAsAlice).isInstanceOf(ApprovalRequiredException.class);
        log.flush();
        assertThat(sink.lines.get(sink.lines.size() - 1)).contains(SECRET);
    }
}
