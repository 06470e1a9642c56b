package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Maa;
import dev.maa.api.Platform;
import dev.maa.samples.deviceadmin.App;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: the CLI's local mode, {@code maa policy what-if} and {@code maa demo} read {@code maa.yaml} with the
 * reader {@code maa serve} uses ({@code --config}): a push's impact replays the configured decision log, the demo
 * runs in the configured audit mode, and a bad section is refused naming its key.
 */
class LocalConfigTest {

    @TempDir
    Path tmp;

    private Path home() throws IOException {
        return Files.createDirectory(
                tmp.resolve("h"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("maa.yaml"), yaml);
    }

    @Test
    void localPush_withAConfiguredDecisionLog_measuresItsImpactOnThatLog() throws IOException {
        Path home = home();
        Files.createDirectory(home.resolve("logs"));
        // one recorded deletion in the configured log, two in the default one: the counts tell which was replayed
        WhatIfCliTest.recordAppDeletions(home.resolve("logs/audit.jsonl"), Instant.now(), 1);
        WhatIfCliTest.recordAppDeletions(home.resolve("decisions.jsonl"), Instant.now(), 2);
        Path config = config("decision_logs:\n  file:\n    path: logs/audit.jsonl\n");
        String[] where = {"--home", home.toString(), "--config", config.toString()};

        MaaCliTest.Result whatIf = MaaCliTest.maa(
                "policy",
                "what-if",
                WhatIfCliTest.narrowedCandidate(tmp).toString(),
                where[0],
                where[1],
                where[2],
                where[3]);
        assertThat(whatIf.out()).as(whatIf.err()).contains("Replayed 1 recorded decisions: 1 would change");

        MaaCliTest.Result push = MaaCliTest.maa(
                "policy",
                "push",
                WhatIfCliTest.narrowedCandidate(tmp).toString(),
                "--justification",
                "CHG-9 app deletes no longer protected",
                "--as",
                "alice",
                where[0],
                where[1],
                where[2],
                where[3]);
        assertThat(push.code()).as(push.err()).isEqualTo(ExitCodes.APPROVAL_REQUIRED);
        String id = Json.mapper()
                .readTree(MaaCliTest.maa("requests", "list", "--json", where[0], where[1], where[2], where[3])
                        .out())
                .get(0)
                .get("id")
                .asText();
        MaaCliTest.Result show = MaaCliTest.maa("requests", "show", id, where[0], where[1], where[2], where[3]);
        // the push's own decision may be logged too (the configured log is this home's live log): count the change
        assertThat(show.out())
                .as(show.err())
                .contains("1 would change; most: 1 calls of com.acme.AppCatalog.deleteApp: require_approval -> deny");
    }

    @Test
    void demo_withAnAuditDefault_runsTheCallEnforceWouldPark_andParksNothing() throws IOException {
        Path home = home();
        Path config = config("enforcement:\n  default: audit\n");
        boolean deleted = SampleHost.run(home, config, (env, apps) -> {
            try (var who = Maa.actingAs(env.principal("alice"));
                    var why = Maa.justify("CHG-7 retire app-audit")) {
                apps.createApp(new App("app-audit", "Audit", "1.0", Platform.WINDOWS));
                apps.deleteApp("app-audit"); // the demo policies park this under enforce (ApprovalRequiredException)
                return apps.findApp("app-audit").isEmpty()
                        && env.store()
                                .findOpen(dev.maa.api.ResourceRef.of(dev.maa.api.ResourceType.APP, "app-audit")
                                        .key())
                                .isEmpty();
            }
        });
        assertThat(deleted).isTrue();
    }

    @Test
    void localMode_aBadEnforcementSection_isRefusedNamingTheKey() throws IOException {
        Path home = home();
        Path config = config("enforcement:\n  default: sometimes\n");
        MaaCliTest.Result list = MaaCliTest.maa(
                "requests", "list", "--home", home.toString(), "--config", config.toString(), "--as", "alice");
        assertThat(list.code()).as(list.err()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(list.err()).contains("enforcement.default");
    }
}
