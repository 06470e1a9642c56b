package dev.maa.cli;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Action;
import dev.maa.api.ApprovalAssurance;
import dev.maa.api.Factor;
import dev.maa.api.Principal;
import dev.maa.api.ResourceType;
import dev.maa.api.Verdict;
import dev.maa.core.KeyEnrollments;
import dev.maa.core.MaaEngine;
import dev.maa.core.audit.AuditJsonLines;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.signing.Anchors;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.signing.InMemoryApproverKeyStore;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.Parking;
import dev.maa.core.testing.Passkeys;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap an administrator follows (docs/security.md): {@code maa keys anchor create}, an enrollment signed
 * with {@code maa keys anchor sign}, a passkey-signed approval, and {@code maa approvals verify} over the export,
 * which fails once a byte of the signed review changes.
 */
class SignedApprovalsCliTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result maa(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MaaCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void anchorCreate_enrollmentSign_approve_andOfflineVerify() throws Exception {
        Path key = dir.resolve("anchor.key");
        Result created = maa("keys", "anchor", "create", "--name", "security-team", "--out", key.toString());
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Path anchorsFile = dir.resolve("anchors");
        Files.writeString(anchorsFile, created.out());
        assertThat(maa("keys", "anchor", "create", "--name", "x", "--out", key.toString())
                        .code())
                .as("an anchor key is never overwritten")
                .isEqualTo(ExitCodes.USAGE);

        Passkeys.Authenticator bobKey = Passkeys.Authenticator.es256();
        Result signed = maa(
                "keys",
                "anchor",
                "sign",
                "--anchor-key",
                key.toString(),
                "--reviewer",
                "bob",
                "--key-id",
                bobKey.keyId(),
                "--alg",
                "es256",
                "--public-key",
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(bobKey.pair().getPublic().getEncoded()));
        assertThat(signed.code()).as(signed.err()).isZero();
        JsonNode rec = Json.exactMapper().readTree(signed.out());
        InMemoryApproverKeyStore keys = new InMemoryApproverKeyStore();
        keys.add(new SignedKeyRecord(
                rec.get("record").asText(),
                rec.get("signer").asText(),
                rec.get("signature").asText()));

        TestClock clock = new TestClock();
        TestDirectory directory = Fixtures.directory();
        MaaEngine engine = Fixtures.engine(clock, directory)
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(
                                ResourceType.APP,
                                Set.of(Action.DELETE),
                                new Factor("app-deletion", Set.of(APP_APPROVERS), 1, ApprovalAssurance.PASSKEY))
                        .build())
                .approvalSigning(
                        new ApprovalSigning(Anchors.read(anchorsFile), keys, Passkeys.RP_ID, Set.of(Passkeys.ORIGIN)))
                .build();
        RecordingAppAdmin target = new RecordingAppAdmin();
        AppAdmin apps = engine.protect(AppAdmin.class, target);
        String id = Parking.park(ALICE, () -> apps.deleteApp("app-1"));
        ApprovalStatement st = ApprovalStatement.of(
                engine.approvals().get(id),
                "bob",
                directory.groupsOf("bob"),
                Verdict.APPROVE,
                "ok",
                "nonce-1",
                clock.instant());
        engine.approvals().review(id, BOB, Verdict.APPROVE, "ok", bobKey.sign(st));
        engine.approvals().complete(id, ALICE);
        assertThat(target.calls()).containsExactly("deleteApp(app-1)");

        Path export = dir.resolve("audit.jsonl");
        try (var w = Files.newBufferedWriter(export)) {
            for (var e : engine.approvals().auditLog().read(0, Integer.MAX_VALUE)) {
                AuditJsonLines.write(w, e);
            }
        }
        Result ok = maa(
                "approvals",
                "verify",
                export.toString(),
                "--anchors",
                anchorsFile.toString(),
                "--rp-id",
                Passkeys.RP_ID,
                "--origin",
                Passkeys.ORIGIN);
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("Signed reviews verified: 1");

        String text = Files.readString(export);
        int sig = text.indexOf("\\\"signature\\\":\\\"") + "\\\"signature\\\":\\\"".length() + 5;
        char c = text.charAt(sig);
        Files.writeString(export, text.substring(0, sig) + (c == 'A' ? 'B' : 'A') + text.substring(sig + 1));
        Result changed = maa("approvals", "verify", export.toString(), "--anchors", anchorsFile.toString());
        assertThat(changed.code()).as(changed.out()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(changed.out()).contains("SIGNED REVIEWS DO NOT VERIFY").contains("request " + id);
    }

    /** An export where erin's key is trusted by the approvals of bob and carol (two), and erin signs a review. */
    private Path exportWithAKeyEnrolledByTwoApprovals(Passkeys.Anchor anchor) throws Exception {
        InMemoryApproverKeyStore keys = new InMemoryApproverKeyStore();
        Passkeys.Authenticator bobKey = anchor.enroll(keys, "bob", Passkeys.Authenticator.es256());
        Passkeys.Authenticator carolKey = anchor.enroll(keys, "carol", Passkeys.Authenticator.es256());
        TestClock clock = new TestClock();
        TestDirectory directory = Fixtures.directory();
        directory.user("erin", APP_APPROVERS);
        Factor signed = new Factor("signed", Set.of(APP_APPROVERS), 1, ApprovalAssurance.PASSKEY);
        MaaEngine engine = Fixtures.engine(clock, directory)
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(ResourceType.APP, Set.of(Action.DELETE), signed)
                        .requireApproval(
                                ResourceType.CUSTOM,
                                Set.of(Action.UPDATE),
                                new Factor("approver-keys", Set.of(APP_APPROVERS), 2, ApprovalAssurance.PASSKEY))
                        .build())
                .approvalSigning(anchor.signing(keys))
                .build();
        Principal erin = Principal.of("erin");
        Passkeys.Authenticator erinKey = Passkeys.Authenticator.es256();
        String enrollment = new KeyEnrollments(engine)
                .request(
                        erin,
                        KeyRecord.enroll(
                                erinKey.keyId(),
                                "erin",
                                KeyAlgorithm.ES256,
                                erinKey.pair().getPublic().getEncoded(),
                                clock.instant()),
                        "",
                        "new approver");
        for (var admin : java.util.Map.of(BOB, bobKey, Fixtures.CAROL, carolKey).entrySet()) {
            engine.approvals()
                    .review(
                            enrollment,
                            admin.getKey(),
                            Verdict.APPROVE,
                            "ok",
                            admin.getValue()
                                    .sign(statement(
                                            engine,
                                            directory,
                                            clock,
                                            enrollment,
                                            admin.getKey().id())));
        }
        engine.approvals().complete(enrollment, erin);
        AppAdmin apps = engine.protect(AppAdmin.class, new RecordingAppAdmin());
        String id = Parking.park(ALICE, () -> apps.deleteApp("app-1"));
        engine.approvals()
                .review(id, erin, Verdict.APPROVE, "ok", erinKey.sign(statement(engine, directory, clock, id, "erin")));
        Path export = dir.resolve("enrolled.jsonl");
        try (var w = Files.newBufferedWriter(export)) {
            for (var e : engine.approvals().auditLog().read(0, Integer.MAX_VALUE)) {
                AuditJsonLines.write(w, e);
            }
        }
        return export;
    }

    private static ApprovalStatement statement(
            MaaEngine engine, TestDirectory directory, TestClock clock, String id, String reviewer) {
        return ApprovalStatement.of(
                engine.approvals().get(id),
                reviewer,
                directory.groupsOf(reviewer),
                Verdict.APPROVE,
                "ok",
                "nonce-" + reviewer + id,
                clock.instant());
    }

    @Test
    void approvalsVerify_usesTheHostsEnrollmentRule_fromItsConfig_orAnOverrideOfAtLeastTwo() throws Exception {
        Passkeys.Anchor anchor = Passkeys.Anchor.create("security", KeyAlgorithm.EDDSA);
        Path anchors = anchorsFile(anchor);
        Path export = exportWithAKeyEnrolledByTwoApprovals(anchor);
        Path config = hostConfig("maa.yaml", anchors, 3);
        String[] verify = {"approvals", "verify", export.toString(), "--anchors", anchors.toString()};

        Result byDefault = maa(verify);
        Result byConfig = maa(concat(verify, "--config", config.toString(), "--home", dir.toString()));
        Result overridden = maa(
                concat(verify, "--config", config.toString(), "--home", dir.toString(), "--enrollment-approvals", "2"));
        Result belowTwo = maa(concat(verify, "--enrollment-approvals", "1"));

        assertThat(byDefault.code()).as(byDefault.out() + byDefault.err()).isZero();
        assertThat(byDefault.out()).contains("Signed reviews verified: 3");
        assertThat(byConfig.code()).as(byConfig.out()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(byConfig.out()).contains("count 2 of the 3 it needs");
        assertThat(overridden.code()).as(overridden.out() + overridden.err()).isZero();
        assertThat(belowTwo.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(belowTwo.err())
                .contains("--enrollment-approvals: approvals.enrollment_approvals: must be a whole number from 2");
    }

    @Test
    void auditVerifySignatures_readsTheEnrollmentRuleAsApprovalsVerifyDoes() throws Exception {
        Passkeys.Anchor anchor = Passkeys.Anchor.create("security", KeyAlgorithm.EDDSA);
        Path anchors = anchorsFile(anchor);
        Path home = Files.createDirectory(
                dir.resolve("home"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        Path oneApproval = hostConfig("one.yaml", anchors, 1);
        String[] verify = {"audit", "verify", "--signatures", anchors.toString(), "--home", home.toString()};

        Result plain = maa(verify);
        Result belowTwo = maa(concat(verify, "--enrollment-approvals", "1"));
        Result configBelowTwo = maa(concat(verify, "--config", oneApproval.toString()));

        assertThat(plain.code()).as(plain.out() + plain.err()).isZero();
        assertThat(plain.out()).contains("Audit trail intact").contains("Signed reviews verified: 0");
        assertThat(belowTwo.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(belowTwo.err())
                .contains("--enrollment-approvals: approvals.enrollment_approvals: must be a whole number from 2");
        assertThat(configBelowTwo.code()).as(configBelowTwo.out()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(configBelowTwo.err()).contains("approvals.enrollment_approvals");
    }

    /** An anchors file holding {@code anchor}'s public key under the name "security". */
    private Path anchorsFile(Passkeys.Anchor anchor) throws IOException {
        return Files.writeString(
                dir.resolve("anchors"),
                "security " + KeyAlgorithm.EDDSA.wireName() + " "
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(anchor.pair().getPublic().getEncoded()) + "\n");
    }

    /** A host's maa.yaml {@code name} with passkey approvals under {@code anchors} and the given enrollment rule. */
    private Path hostConfig(String name, Path anchors, int enrollmentApprovals) throws IOException {
        return Files.writeString(
                dir.resolve(name),
                "approvals:\n  rp_id: maa.test\n  origins: [\"https://maa.test\"]\n  anchors: " + anchors
                        + "\n  enrollment_approvals: " + enrollmentApprovals + "\n");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
