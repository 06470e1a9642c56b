package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Action;
import dev.maa.api.Operation;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.core.decisionlog.DecisionEvent;
import dev.maa.core.decisionlog.EventDocuments;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.PolicySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maa policy what-if}: the change matrix of a candidate over a recorded decision log, as text and JSON. */
class WhatIfCliTest {

    @TempDir
    Path tmp;

    /** Records one app deletion at {@code time} (parked by the demo policies) in the decision log {@code log}. */
    private static void recordAppDeletion(Path log, Instant time) throws IOException {
        recordAppDeletions(log, time, 1);
    }

    /** Records {@code n} app deletions at {@code time} (parked by the demo policies) in the decision log {@code log}. */
    static void recordAppDeletions(Path log, Instant time, int n) throws IOException {
        PolicyInput in = new PolicyInput(
                Principal.of("alice", "App Admins"),
                ResourceRef.of(ResourceType.APP, "app-1"),
                Action.DELETE,
                new Operation("com.acme.AppCatalog", "deleteApp", List.of()),
                "",
                "CHG-1",
                false,
                false,
                time);
        try (EmbeddedRegoPolicyEngine demo = EmbeddedRegoPolicyEngine.demo()) {
            var d = demo.decide(in);
            String line = new EventDocuments(Map.of(), List.of(), List.of())
                            .toJson(new DecisionEvent("require_approval", in, d, null, 1), in.time())
                    + "\n";
            Files.writeString(log, line.repeat(n));
        }
    }

    /** The demo policies with app deletion no longer protected. */
    private Path narrowedCandidate() throws IOException {
        return narrowedCandidate(tmp);
    }

    /** The demo policies with app deletion no longer protected, written to {@code tmp/candidate}. */
    static Path narrowedCandidate(Path tmp) throws IOException {
        Path candidate = Files.createDirectories(tmp.resolve("candidate"));
        for (var f : PolicySet.fromClasspath(PolicySet.DEMO).files().entrySet()) {
            Files.writeString(
                    candidate.resolve(f.getKey()),
                    f.getValue().replace("    actions: [UPDATE, DELETE]\n", "    actions: [UPDATE]\n"));
        }
        return candidate;
    }

    @Test
    void whatIf_narrowedPolicy_printsTheChange_andJsonForTooling() throws IOException {
        Path log = tmp.resolve("decisions.jsonl");
        recordAppDeletion(log, Instant.parse("2026-12-07T07:00:00Z"));
        Path candidate = narrowedCandidate();

        MaaCliTest.Result text =
                MaaCliTest.maa("policy", "what-if", candidate.toString(), "--decisions", log.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out())
                .startsWith("Replayed 1 recorded decisions: 1 would change, 0 unchanged.")
                .contains("App changes  require_approval -> deny        1")
                .contains("com.acme.AppCatalog.deleteApp  require_approval -> deny        1");

        MaaCliTest.Result json =
                MaaCliTest.maa("policy", "what-if", candidate.toString(), "--decisions", log.toString(), "--json");
        var report = Json.mapper().readTree(json.out());
        assertThat(report.path("changed").asLong()).isEqualTo(1);
        assertThat(report.at("/by_policy/0/policy").asText()).isEqualTo("App changes");
        assertThat(report.at("/by_method/0/example_input/resource/id").asText()).isEqualTo("app-1");

        MaaCliTest.Result missing = MaaCliTest.maa(
                "policy",
                "what-if",
                candidate.toString(),
                "--decisions",
                tmp.resolve("none.jsonl").toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("No decision log at").contains("--decisions FILE");
    }

    @Test
    void policyPush_withARecordedDecisionLog_requestsShowPrintsTheImpact() throws IOException {
        Path home = Files.createDirectory(
                tmp.resolve("h"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        recordAppDeletion(home.resolve("decisions.jsonl"), Instant.now());
        MaaCliTest.Result push = MaaCliTest.maa(
                "policy",
                "push",
                narrowedCandidate().toString(),
                "--justification",
                "CHG-9 app deletes no longer protected",
                "--as",
                "alice",
                "--home",
                home.toString());
        assertThat(push.code()).as(push.err()).isEqualTo(ExitCodes.APPROVAL_REQUIRED);
        String id = Json.mapper()
                .readTree(MaaCliTest.maa("requests", "list", "--json", "--home", home.toString())
                        .out())
                .get(0)
                .get("id")
                .asText();

        MaaCliTest.Result show = MaaCliTest.maa("requests", "show", id, "--home", home.toString());

        assertThat(show.out())
                .as(show.err())
                .contains("Impact          Of 1 decisions recorded in the last 7d, 1 would change; most: 1 calls"
                        + " of com.acme.AppCatalog.deleteApp: require_approval -> deny")
                .contains("policy App changes: require_approval -> deny  x1");
    }

    @Test
    void policyPushDryRun_printsTheDiffAndTheImpact_andSubmitsNothing() throws IOException {
        Path home = Files.createDirectory(
                tmp.resolve("d"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        recordAppDeletion(home.resolve("decisions.jsonl"), Instant.now());
        MaaCliTest.Result dry = MaaCliTest.maa(
                "policy",
                "push",
                narrowedCandidate().toString(),
                "--dry-run",
                "--justification",
                "CHG-9 app deletes no longer protected",
                "--as",
                "alice",
                "--home",
                home.toString());
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out())
                .contains("+    actions: [UPDATE]")
                .contains("Impact          Of 1 decisions recorded in the last 7d, 1 would change; most: 1 calls"
                        + " of com.acme.AppCatalog.deleteApp: require_approval -> deny")
                .contains("policy App changes: require_approval -> deny  x1")
                .endsWith("Nothing was submitted (--dry-run).\n");
        assertThat(Json.mapper()
                        .readTree(MaaCliTest.maa("requests", "list", "--json", "--home", home.toString())
                                .out()))
                .isEmpty();

        MaaCliTest.Result json = MaaCliTest.maa(
                "policy",
                "push",
                narrowedCandidate().toString(),
                "--dry-run",
                "--json",
                "--justification",
                "CHG-9",
                "--as",
                "alice",
                "--home",
                home.toString());
        var report = Json.mapper().readTree(json.out());
        assertThat(report.path("impact").path("state").asText()).as(json.out()).isEqualTo("computed");
        assertThat(report.path("impact").path("changed").asLong()).isEqualTo(1);
        assertThat(report.path("diff").asText()).contains("+    actions: [UPDATE]");
    }
}
