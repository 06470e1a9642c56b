package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.AuditEventType;
import dev.maa.api.Maa;
import dev.maa.api.Operation;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.core.MaaEngine;
import dev.maa.core.decisionlog.DecisionEvent;
import dev.maa.core.decisionlog.EventDocuments;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.view.RequestJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: what-if replays a recorded decision log against a candidate and gives the exact change matrix. */
class WhatIfTest {

    private static final Instant T = Instant.parse("2026-12-07T07:00:00Z");

    @TempDir
    Path tmp;

    private static PolicyInput call(String who, ResourceType type, Action action, String cls, String method) {
        return new PolicyInput(
                Principal.of(who, "App Admins"),
                ResourceRef.of(type, "o-1"),
                action,
                new Operation("com.acme." + cls, method, List.of()),
                "",
                "CHG-1",
                false,
                false,
                T);
    }

    /** The demo set with one policy added (Script deletion), one removed (Device wipe), one narrowed (App changes). */
    static PolicySet candidate() {
        PolicySet demo = PolicySet.fromClasspath(PolicySet.DEMO);
        String yaml = demo.files().get("access-policies.yaml");
        String narrowed = yaml.replace("    actions: [UPDATE, DELETE]\n", "    actions: [UPDATE]\n");
        int wipe = narrowed.indexOf("  - name: Device wipe");
        int next = narrowed.indexOf("  - name:", wipe + 5);
        String removed = narrowed.substring(0, wipe) + narrowed.substring(next);
        String added = removed.replace(
                "  - name: Role management",
                "  - name: Script deletion\n    profile_type: SCRIPT\n    actions: [DELETE]\n"
                        + "    approver_groups: [Security Admins]\n\n  - name: Role management");
        assertThat(added).isNotEqualTo(yaml).doesNotContain("Device wipe");
        Map<String, String> files = new LinkedHashMap<>(demo.files());
        files.put("access-policies.yaml", added);
        return PolicySet.of(files);
    }

    private Path recordedLog() throws IOException {
        List<PolicyInput> calls = List.of(
                call("alice", ResourceType.APP, Action.DELETE, "AppCatalog", "deleteApp"),
                call("bob", ResourceType.APP, Action.DELETE, "AppCatalog", "deleteApp"),
                call("alice", ResourceType.APP, Action.UPDATE, "AppCatalog", "updateApp"),
                call("alice", ResourceType.APP, Action.CREATE, "AppCatalog", "createApp"),
                call("alice", ResourceType.SCRIPT, Action.DELETE, "Scripts", "deleteScript"),
                call("alice", ResourceType.DEVICE_ACTION, Action.WIPE, "Devices", "wipe"));
        EventDocuments docs = new EventDocuments(Map.of(), List.of(), List.of());
        List<String> lines = new ArrayList<>();
        try (EmbeddedRegoPolicyEngine current = EmbeddedRegoPolicyEngine.demo()) {
            for (PolicyInput in : calls) {
                var d = current.decide(in);
                lines.add(docs.toJson(new DecisionEvent(d.effect().wireName(), in, d, null, 1), T));
            }
        }
        // one decision older than a week: outside a policy change's impact window, replayed by what-if
        lines.add(
                lines.get(0).replace(T.toString(), T.minus(Duration.ofDays(30)).toString()));
        Path log = tmp.resolve("decisions.jsonl");
        Files.write(log, lines);
        return log;
    }

    @Test
    void whatIf_addedRemovedNarrowedPolicies_giveTheExactChangeMatrix() throws IOException {
        WhatIf.Report report = WhatIf.run(candidate(), List.of(recordedLog()));
        String golden;
        try (var in = WhatIfTest.class.getResourceAsStream("whatif-golden.txt")) {
            golden = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(report.text()).isEqualTo(golden);
        assertThat(report.decisions()).isEqualTo(7);
        assertThat(report.unchanged()).isEqualTo(2);
        assertThat(report.toJson().get("by_policy").toString())
                .contains("policy=Script deletion, from=deny, to=require_approval, count=1");
    }

    @Test
    void whatIf_candidateReadingTheTime_decidesEachRecordedTimeOnItsOwn() throws IOException {
        // the log holds alice's deleteApp twice, 30 days apart: a rule on input.time changes only the older one
        Map<String, String> files =
                new LinkedHashMap<>(PolicySet.fromClasspath(PolicySet.DEMO).files());
        files.put(
                "freeze.rego",
                "package maa.custom\n\nimport rego.v1\n\ndeny contains \"frozen\" if input.time < \"2026-12-01\"\n");
        WhatIf.Report report = WhatIf.run(PolicySet.of(files), List.of(recordedLog()));
        assertThat(report.decisions() - report.unchanged()).isEqualTo(1);
        assertThat(report.byMethod()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("com.acme.AppCatalog.deleteApp");
            assertThat(r.to()).isEqualTo("deny");
            assertThat(r.example()).contains("2026-11-07T07:00:00Z");
        });
    }

    private MaaEngine maa(EmbeddedRegoPolicyEngine engine) {
        return MaaEngine.builder()
                .policyEngine(engine)
                .allowPackages("dev.maa.policies")
                .clock(Clock.fixed(T.plus(Duration.ofDays(1)), ZoneOffset.UTC))
                .directory(StaticDirectory.builder()
                        .user("alice", "App Admins")
                        .user("bob", "Security Admins")
                        .build())
                .build();
    }

    private static String pushAsAlice(PolicyService service) {
        try (var who = Maa.actingAs(Principal.of("alice", "App Admins"));
                var why = Maa.justify("CHG-9 narrow app changes")) {
            return assertThrows(ApprovalRequiredException.class, () -> service.push(candidate(), ""))
                    .requestId();
        }
    }

    /** The request as every surface shows it: the impact from the parked change and the request's audit trail. */
    private static JsonNode impactShown(MaaEngine maa, String id) {
        ApprovalRequest request = maa.approvals().get(id);
        return new ObjectMapper()
                .valueToTree(RequestJson.detail(request, maa.store().auditLog().forRequest(id), null, List.of()))
                .path("impact");
    }

    @Test
    void push_parksAtOnce_thenSealsTheImpactOfTheLastWeeksDecisionsInTheRequestsTrail() throws Exception {
        Path log = recordedLog();
        try (EmbeddedRegoPolicyEngine engine = EmbeddedRegoPolicyEngine.demo()) {
            MaaEngine maa = maa(engine);
            try (PolicyService service = new PolicyService(
                    maa, engine, new InMemoryPolicyRevisionStore(), log, PolicyService.DEFAULT_IMPACT_WINDOW)) {
                String id = pushAsAlice(service);
                ApprovalRequest request = maa.approvals().get(id);
                PolicyChange change = (PolicyChange) maa.codec()
                        .decode(id, request.payload(), request.digest())
                        .args()
                        .get(0);
                // the parked change seals that an impact is due, over which window; the replay comes after
                JsonNode due = new ObjectMapper().readTree(change.impact());
                assertThat(due.path("state").asText()).isEqualTo("computing");
                assertThat(due.path("since").asText())
                        .isEqualTo(T.minus(Duration.ofDays(6)).toString());

                assertThat(service.awaitImpacts(Duration.ofMinutes(1))).isTrue();
                JsonNode impact = impactShown(maa, id);
                assertThat(impact.path("state").asText()).isEqualTo("computed");
                assertThat(impact.path("window").asText()).isEqualTo("7d");
                assertThat(impact.path("decisions").asLong()).isEqualTo(6);
                assertThat(impact.path("changed").asLong()).isEqualTo(4);
                assertThat(impact.path("summary").asText())
                        .isEqualTo("Of 6 decisions recorded in the last 7d, 4 would change; most: 2 calls of"
                                + " com.acme.AppCatalog.deleteApp: require_approval -> deny");
                assertThat(maa.store().auditLog().forRequest(id))
                        .filteredOn(e -> e.event().is(AuditEventType.IMPACT_COMPUTED))
                        .singleElement()
                        .satisfies(e -> assertThat(e.event().detail()).contains(request.digest()));
            }
            PolicyService without = new PolicyService(
                    maa, engine, new InMemoryPolicyRevisionStore(), tmp.resolve("none.jsonl"), Duration.ofDays(7));
            assertThat(without.impactOf(candidate())).isEmpty();
        }
    }

    @Test
    void impact_afterClose_isNotComputed_andTheRequestShowsItComputing() throws Exception {
        Path log = recordedLog();
        try (EmbeddedRegoPolicyEngine engine = EmbeddedRegoPolicyEngine.demo()) {
            MaaEngine maa = maa(engine);
            PolicyService service = new PolicyService(
                    maa, engine, new InMemoryPolicyRevisionStore(), log, PolicyService.DEFAULT_IMPACT_WINDOW);
            service.close();
            String id = pushAsAlice(service);
            assertThat(service.awaitImpacts(Duration.ofSeconds(1))).isTrue();
            JsonNode shown = impactShown(maa, id);
            assertThat(shown.path("state").asText()).isEqualTo("computing");
            assertThat(shown.has("decisions")).isFalse();
            assertThat(maa.store().auditLog().forRequest(id))
                    .noneMatch(e -> e.event().is(AuditEventType.IMPACT_COMPUTED));
            // a replay in progress stops at its next chunk once cancelled
            assertThrows(
                    CancellationException.class, () -> WhatIf.run(candidate(), List.of(log), Instant.MIN, () -> true));
        }
    }

    @Test
    void preview_beforeSubmitting_computesTheSameImpactAsThePush_forItsAuthorOnly() throws Exception {
        Path log = recordedLog();
        try (EmbeddedRegoPolicyEngine engine = EmbeddedRegoPolicyEngine.demo()) {
            MaaEngine maa = maa(engine);
            try (PolicyService service = new PolicyService(
                    maa, engine, new InMemoryPolicyRevisionStore(), log, PolicyService.DEFAULT_IMPACT_WINDOW)) {
                PolicyService.Preview preview = service.preview(candidate(), "", 0, "alice");
                assertThat(preview.diff()).contains("+  - name: Script deletion");
                JsonNode started = new ObjectMapper().readTree(preview.impact());
                assertThat(started.path("state").asText()).isEqualTo("computing");
                assertThat(started.path("since").asText())
                        .isEqualTo(T.minus(Duration.ofDays(6)).toString());
                String id = started.path("id").asText();
                assertThat(id).isNotEmpty();

                assertThat(service.awaitImpacts(Duration.ofMinutes(1))).isTrue();
                JsonNode computed = new ObjectMapper()
                        .readTree(service.impactPreview(id, "alice").orElseThrow());
                assertThat(computed.path("state").asText()).isEqualTo("computed");
                assertThat(computed.path("decisions").asLong()).isEqualTo(6);
                assertThat(computed.path("changed").asLong()).isEqualTo(4);
                // one implementation: what the author previews is what the approver will be shown
                ObjectNode withoutId = computed.deepCopy();
                withoutId.remove("id");
                assertThat(withoutId).isEqualTo(new ObjectMapper().readTree(service.impactOf(candidate())));
                assertThat(service.impactPreview(id, "bob")).isEmpty();
                assertThat(service.impactPreview("no-such-preview", "alice")).isEmpty();
                // nothing was parked
                assertThat(maa.store().findOpen("ACCESS_POLICY/" + PolicyChange.DEFAULT_TARGET))
                        .isEmpty();
            }
        }
    }

    @Test
    void preview_pastItsTimeout_endsWithAnErrorSayingSo() throws Exception {
        Path log = recordedLog();
        try (EmbeddedRegoPolicyEngine engine = EmbeddedRegoPolicyEngine.demo()) {
            MaaEngine maa = maa(engine);
            try (PolicyService service = new PolicyService(
                    maa, engine, new InMemoryPolicyRevisionStore(), log, Duration.ofDays(7), Duration.ZERO)) {
                String id = new ObjectMapper()
                        .readTree(service.preview(candidate(), "", 0, "alice").impact())
                        .path("id")
                        .asText();
                assertThat(service.awaitImpacts(Duration.ofMinutes(1))).isTrue();
                JsonNode shown = new ObjectMapper()
                        .readTree(service.impactPreview(id, "alice").orElseThrow());
                assertThat(shown.path("state").asText()).isEqualTo("computed");
                assertThat(shown.path("error").asText()).startsWith("not computed within ");
                assertThat(shown.has("decisions")).isFalse();
            }
        }
    }

    @Test
    void preview_ofAStaleBase_isRefused() throws Exception {
        try (EmbeddedRegoPolicyEngine engine = EmbeddedRegoPolicyEngine.demo();
                PolicyService service = new PolicyService(
                        maa(engine), engine, new InMemoryPolicyRevisionStore(), recordedLog(), Duration.ofDays(7))) {
            assertThrows(StalePolicyBaseException.class, () -> service.preview(candidate(), "", 3, "alice"));
        }
    }
}
