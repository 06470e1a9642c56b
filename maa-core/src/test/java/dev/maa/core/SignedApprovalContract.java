package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.CAROL;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.ApprovalAssurance;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.Factor;
import dev.maa.api.Notification;
import dev.maa.api.Principal;
import dev.maa.api.RequestStore;
import dev.maa.api.ResourceType;
import dev.maa.api.Review;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import dev.maa.core.internal.AuditDetails;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.signing.ApproverKeyStore;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.SignedReview;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.Passkeys;
import dev.maa.core.testing.Passkeys.Anchor;
import dev.maa.core.testing.Passkeys.Authenticator;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Passkey-signed approvals (issue 17): a request of an {@code approval_assurance: passkey} policy runs only on
 * approvals whose signatures the host verifies against anchor-trusted keys. Each attack is made twice where it can
 * be: through the approval service (refused when presented) and as a tampered server or database writer would,
 * writing an authentic-looking approval straight to the store (refused at completion, nothing run, reported). Run
 * against every store by subclasses.
 */
public abstract class SignedApprovalContract {

    protected final TestClock clock = new TestClock();
    protected final RecordingAppAdmin target = new RecordingAppAdmin();
    protected final RecordingNotifier notifier = new RecordingNotifier();
    protected final TestDirectory directory = Fixtures.directory();
    protected final Anchor anchor = Anchor.create("security-team", KeyAlgorithm.EDDSA);
    protected RequestStore store;
    protected ApproverKeyStore keys;
    protected MaaEngine engine;
    protected AppAdmin apps;
    protected Authenticator bobKey;
    protected Authenticator carolKey;
    protected Authenticator aliceKey;

    protected abstract RequestStore openStore();

    /** The key store kept with {@link #store}. */
    protected abstract ApproverKeyStore keyStore();

    protected void closeStore(RequestStore s) {}

    /** Adds a key row as a database writer would (no MAA code involved where the store allows). */
    protected void insertKeyRow(dev.maa.core.signing.SignedKeyRecord record) {
        keys.add(record);
    }

    static RuleBasedPolicyEngine policy() {
        return RuleBasedPolicyEngine.builder()
                .requireApproval(
                        ResourceType.APP,
                        Set.of(Action.DELETE),
                        new Factor("app-deletion", Set.of(APP_APPROVERS), 1, ApprovalAssurance.PASSKEY))
                .requireApproval(
                        ResourceType.SCRIPT, Set.of(Action.DEPLOY), Factor.of("scripts", 1, Fixtures.SECURITY_ADMINS))
                .build();
    }

    @BeforeEach
    void open() {
        store = openStore();
        keys = keyStore();
        bobKey = anchor.enroll(keys, "bob", Authenticator.es256());
        carolKey = anchor.enroll(keys, "carol", new Authenticator(KeyAlgorithm.EDDSA));
        aliceKey = anchor.enroll(keys, "alice", Authenticator.es256());
        startEngine(true);
    }

    @AfterEach
    void close() {
        closeStore(store);
    }

    protected void startEngine(boolean withAnchors) {
        MaaEngine.Builder b = Fixtures.engine(clock, directory)
                .policyEngine(policy())
                .store(store)
                .notifier(notifier);
        if (withAnchors) {
            b.approvalSigning(anchor.signing(keys));
        }
        engine = b.build();
        apps = engine.protect(AppAdmin.class, target);
    }

    protected String parked(String appId) {
        return park(ALICE, () -> apps.deleteApp(appId));
    }

    protected ApprovalRequest find(String id) {
        return store.find(id).orElseThrow();
    }

    protected ApprovalStatement statement(String id, Principal reviewer, Verdict verdict, String notes) {
        return ApprovalStatement.of(
                find(id),
                reviewer.id(),
                directory.groupsOf(reviewer.id()),
                verdict,
                notes,
                UUID.randomUUID().toString(),
                clock.instant());
    }

    protected ApprovalRequest approveSigned(String id, Principal reviewer, Authenticator key) {
        return engine.approvals()
                .review(id, reviewer, Verdict.APPROVE, "ok", key.sign(statement(id, reviewer, Verdict.APPROVE, "ok")));
    }

    /**
     * What a tampered server holding the audit key (or a database writer) does: records an approval with
     * {@code signed} (or none) straight through the store, authentic audit event included, and marks it APPROVED.
     */
    protected void forgeApproval(String id, Principal reviewer, SignedReview signed) {
        ApprovalRequest r = find(id);
        Set<String> groups = directory.groupsOf(reviewer.id());
        ApprovalRequest approved = r.toBuilder()
                .addReview(new Review(reviewer.id(), groups, Verdict.APPROVE, "ok", r.digest(), clock.instant()))
                .status(Status.APPROVED)
                .version(r.version() + 1)
                .build();
        store.update(
                approved,
                r.status(),
                r.version(),
                new AuditEvent(
                        clock.instant(),
                        id,
                        reviewer.id(),
                        AuditEventType.APPROVED,
                        AuditDetails.of(
                                "from",
                                "NEEDS_APPROVAL",
                                "notes",
                                "ok",
                                "digest",
                                r.digest(),
                                "groups",
                                AuditDetails.groups(groups),
                                "quorum",
                                "app-deletion 1/1",
                                "signed",
                                signed == null ? null : signed.toMap())));
        startEngine(true);
    }

    protected void assertRefusedAtCompletion(String id, String reason) {
        int ranBefore = target.calls().size();
        ApprovalRequest done = engine.approvals().complete(id, ALICE);

        assertThat(target.calls()).as("nothing ran").hasSize(ranBefore);
        assertThat(done.status()).isEqualTo(Status.FAILED);
        assertThat(done.outcome()).contains("not verified passkey signatures").contains(reason);
        assertThat(engine.approvals().auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .contains(AuditEventType.SIGNATURES_REFUSED.name());
        assertThat(notifier.of(Notification.Kind.FAILED))
                .anySatisfy(n -> assertThat(n.recipients()).contains("bob"));
    }

    @Test
    void approve_withATrustedPasskey_thenComplete_runsOnce() {
        String id = parked("app-1");

        ApprovalRequest approved = approveSigned(id, BOB, bobKey);
        ApprovalRequest done = engine.approvals().complete(id, ALICE);

        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(done.status()).as(done.outcome()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).containsExactly("deleteApp(app-1)");
        assertThat(engine.approvals().auditLog().forRequest(id))
                .filteredOn(e -> e.event().is(AuditEventType.APPROVED))
                .singleElement()
                .satisfies(e -> assertThat(e.event().detail()).contains("\"signed\":{"));
    }

    @Test
    void approve_withAnEd25519Passkey_counts() {
        String id = parked("app-1");

        approveSigned(id, CAROL, carolKey);

        assertThat(engine.approvals().complete(id, ALICE).status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void approve_withoutASignature_isRefused_andNothingIsRecorded() {
        String id = parked("app-1");

        assertThatThrownBy(() -> engine.approvals().approve(id, BOB, "ok"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("needs a passkey-signed review")
                .hasMessageContaining("app-deletion");
        assertThat(find(id).reviews()).isEmpty();
    }

    @Test
    void sessionPolicies_areUnchanged() {
        String id = park(ALICE, () -> apps.deployScript("s-1"));

        engine.approvals().approve(id, BOB, "ok");

        assertThat(engine.approvals().complete(id, ALICE).status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void approvalWrittenWithoutASignature_isRefusedAtCompletion() {
        String id = parked("app-1");

        forgeApproval(id, BOB, null);

        assertRefusedAtCompletion(id, "0 of 1 eligible passkey-signed approvals");
    }

    @Test
    void keyRowWithoutAnAnchorSignature_andAnApprovalSignedByIt_isRefused() {
        Authenticator rogue = Authenticator.es256();
        Anchor notAnAnchor = Anchor.create("security-team", KeyAlgorithm.EDDSA); // same name, other key
        insertKeyRow(notAnAnchor.sign(KeyRecord.enroll(
                rogue.keyId(),
                "bob",
                KeyAlgorithm.ES256,
                rogue.pair().getPublic().getEncoded(),
                Instant.EPOCH)));
        String id = parked("app-1");

        assertThatThrownBy(() -> approveSigned(id, BOB, rogue))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("has no enrollment signed by an anchor");
        forgeApproval(id, BOB, rogue.sign(statement(id, BOB, Verdict.APPROVE, "ok")));
        assertRefusedAtCompletion(id, "has no enrollment signed by an anchor");
    }

    @Test
    void assertionForRequestA_replayedOnRequestB_isRefused() {
        String a = parked("app-a");
        String b = parked("app-b");
        SignedReview forA = bobKey.sign(statement(a, BOB, Verdict.APPROVE, "ok"));

        assertThatThrownBy(() -> engine.approvals().review(b, BOB, Verdict.APPROVE, "ok", forA))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("names request " + a);
        forgeApproval(b, BOB, forA);
        assertRefusedAtCompletion(b, "names request " + a);
    }

    @Test
    void statementOfAnotherDigest_isRefused() {
        String id = parked("app-1");
        ApprovalRequest r = find(id);
        ApprovalRequest otherPayload = r.toBuilder().digest("0".repeat(64)).build();
        ApprovalStatement ofX = ApprovalStatement.of(
                otherPayload, "bob", directory.groupsOf("bob"), Verdict.APPROVE, "ok", "n", clock.instant());
        SignedReview signed = bobKey.sign(ofX);

        assertThatThrownBy(() -> engine.approvals().review(id, BOB, Verdict.APPROVE, "ok", signed))
                .hasMessageContaining("approves digest " + "0".repeat(64));
        forgeApproval(id, BOB, signed);
        assertRefusedAtCompletion(id, "approves digest " + "0".repeat(64));
    }

    @Test
    void rejectSignature_presentedAsApprove_isRefused() {
        String id = parked("app-1");
        SignedReview reject = bobKey.sign(statement(id, BOB, Verdict.REJECT, "ok"));

        assertThatThrownBy(() -> engine.approvals().review(id, BOB, Verdict.APPROVE, "ok", reject))
                .hasMessageContaining("says REJECT");
        forgeApproval(id, BOB, reject);
        assertRefusedAtCompletion(id, "says REJECT");
    }

    @Test
    void assertionWithoutUserVerification_isRefused() {
        String id = parked("app-1");
        SignedReview noUv =
                bobKey.sign(statement(id, BOB, Verdict.APPROVE, "ok").canonicalJson(), 0x01, 7, Passkeys.ORIGIN);

        assertThatThrownBy(() -> engine.approvals().review(id, BOB, Verdict.APPROVE, "ok", noUv))
                .hasMessageContaining("did not verify the user");
        forgeApproval(id, BOB, noUv);
        assertRefusedAtCompletion(id, "did not verify the user");
    }

    @Test
    void assertionFromAnotherOrigin_isRefused() {
        String id = parked("app-1");
        SignedReview phished = bobKey.sign(
                statement(id, BOB, Verdict.APPROVE, "ok").canonicalJson(), 0x05, 7, "https://maa-test.evil");

        forgeApproval(id, BOB, phished);
        assertRefusedAtCompletion(id, "origin 'https://maa-test.evil'");
    }

    @Test
    void signatureCounterGoingBackwards_isRefused() {
        String first = parked("app-1");
        engine.approvals()
                .review(
                        first,
                        BOB,
                        Verdict.APPROVE,
                        "ok",
                        bobKey.sign(
                                statement(first, BOB, Verdict.APPROVE, "ok").canonicalJson(),
                                0x05,
                                50,
                                Passkeys.ORIGIN));
        String second = parked("app-2");
        SignedReview cloned =
                bobKey.sign(statement(second, BOB, Verdict.APPROVE, "ok").canonicalJson(), 0x05, 49, Passkeys.ORIGIN);

        assertThatThrownBy(() -> engine.approvals().review(second, BOB, Verdict.APPROVE, "ok", cloned))
                .hasMessageContaining("went from 50 to 49");
        forgeApproval(second, BOB, cloned);
        assertRefusedAtCompletion(second, "went from 50 to 49");
    }

    @Test
    void revokedKey_isRefused_evenForAnApprovalMadeBeforeTheRevocation() {
        String id = parked("app-1");
        approveSigned(id, BOB, bobKey);

        anchor.revoke(keys, "bob", bobKey);

        assertRefusedAtCompletion(id, "is revoked");
        String next = parked("app-2");
        assertThatThrownBy(() -> approveSigned(next, BOB, bobKey)).hasMessageContaining("is revoked");
    }

    @Test
    void keyEnrolledForAnotherReviewer_isRefused() {
        String id = parked("app-1");

        forgeApproval(id, BOB, carolKey.sign(statement(id, BOB, Verdict.APPROVE, "ok")));

        assertRefusedAtCompletion(id, "is enrolled for carol, not for bob");
    }

    @Test
    void requesterSigningTheirOwnRequest_isRefused() {
        String id = parked("app-1");
        SignedReview own = aliceKey.sign(statement(id, ALICE, Verdict.APPROVE, "ok"));

        assertThatThrownBy(() -> engine.approvals().review(id, ALICE, Verdict.APPROVE, "ok", own))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("can never review their own request");
        forgeApproval(id, ALICE, own);
        ApprovalRequest done = engine.approvals().complete(id, ALICE);
        assertThat(target.calls()).as("nothing ran").isEmpty();
        assertThat(done.status()).isEqualTo(Status.FAILED);
        assertThat(done.outcome()).contains("factor 'app-deletion' has 0 of 1 eligible");
    }

    @Test
    void hostWithoutAnchors_refusesPasskeyRequests_atCompletion() {
        String id = parked("app-1");
        approveSigned(id, BOB, bobKey);

        startEngine(false);

        assertRefusedAtCompletion(id, "this host verifies none");
    }

    @Test
    void statementWithOtherGroupsThanTheReviewersNow_isRefused() {
        String id = parked("app-1");
        ApprovalStatement s = ApprovalStatement.of(
                find(id), "bob", Set.of(APP_APPROVERS), Verdict.APPROVE, "ok", "n", clock.instant());

        assertThatThrownBy(() -> engine.approvals().review(id, BOB, Verdict.APPROVE, "ok", bobKey.sign(s)))
                .hasMessageContaining("is not the sealed review's");
    }
}
