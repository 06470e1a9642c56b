package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.CAROL;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEventType;
import dev.maa.api.Principal;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.signing.EnrollmentApprovals;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.SignedReview;
import dev.maa.core.signing.TrustedKeys;
import dev.maa.core.testing.Passkeys;
import dev.maa.core.testing.Passkeys.Anchor;
import dev.maa.core.testing.Passkeys.Authenticator;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Passkey-signed approvals (issue 17): a request of an {@code approval_assurance: passkey} policy runs only on
 * approvals whose signatures the host verifies against anchor-trusted keys. Each attack is made twice where it can
 * be: through the approval service (refused when presented) and as a tampered server or database writer would,
 * writing an authentic-looking approval straight to the store (refused at completion, nothing run, reported). Run
 * against every store by subclasses.
 */
public abstract class SignedApprovalContract extends SignedApprovalContractBase {

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

    private KeyRecord enrollmentOf(Authenticator key, String owner) {
        return KeyRecord.enroll(
                key.keyId(),
                owner,
                key.alg(),
                key.pair().getPublic().getEncoded(),
                Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void keyEnrollment_approvedByTwoTrustedAdmins_thenCompleted_makesTheNewKeysApprovalCount() {
        directory.user("erin", APP_APPROVERS);
        Principal erin = Principal.of("erin");
        Authenticator erinKey = Authenticator.es256();
        KeyEnrollments enrollments = new KeyEnrollments(engine);
        String enrollment = enrollments.request(erin, enrollmentOf(erinKey, "erin"), "", "new approver");

        approveSigned(enrollment, BOB, bobKey);
        approveSigned(enrollment, CAROL, carolKey);
        ApprovalRequest stored = engine.approvals().complete(enrollment, erin);

        assertThat(stored.status()).as(stored.outcome()).isEqualTo(Status.COMPLETED);
        TrustedKeys trusted = engine.approvalSigning().trustedKeys();
        assertThat(trusted.get(erinKey.keyId()).approvers()).containsExactly("bob", "carol");
        String id = parked("app-1");
        approveSigned(id, erin, erinKey);
        assertThat(engine.approvals().complete(id, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).containsExactly("deleteApp(app-1)");
    }

    @Test
    void keyEnrollment_approvalsByTheRequester_neverCount() {
        Authenticator second = Authenticator.es256();
        String enrollment = new KeyEnrollments(engine).request(BOB, enrollmentOf(second, "bob"), "", "second key");

        assertThatThrownBy(() -> approveSigned(enrollment, BOB, bobKey))
                .hasMessageContaining("can never review their own request");
    }

    @Test
    void approvedKeyRow_insertedWithSql_withApprovalsOfUntrustedKeys_isRefused() {
        Authenticator rogue = Authenticator.es256();
        Authenticator accomplice = Authenticator.es256();
        KeyRecord record = enrollmentOf(rogue, "bob");
        String digest = EnrollmentApprovals.digest(record, "mallory", "");
        ApprovalStatement s1 = forgedApproval(digest, "carol", "n1");
        ApprovalStatement s2 = forgedApproval(digest, "alice", "n2");
        insertKeyRow(new EnrollmentApprovals(
                        "forged", "mallory", "", java.util.List.of(accomplice.sign(s1), carolKey.sign(s2)))
                .attach(record));
        String id = parked("app-1");

        assertThatThrownBy(() -> approveSigned(id, BOB, rogue))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("has no enrollment signed by an anchor");
        assertThat(engine.approvalSigning().trustedKeys().problems())
                .anySatisfy(p -> assertThat(p).contains("count 0 of the 2"));
        forgeApproval(id, BOB, rogue.sign(statement(id, BOB, Verdict.APPROVE, "ok")));
        assertRefusedAtCompletion(id, "has no enrollment signed by an anchor");
    }

    /** Rewinds every stored signature counter, as a database writer would (the uses' rows say 0). */
    protected abstract void rewindKeyCounters();

    private SignedReview signedWithCounter(String id, Principal reviewer, Authenticator key, long counter) {
        return key.sign(statement(id, reviewer, Verdict.APPROVE, "ok").canonicalJson(), 0x05, counter, Passkeys.ORIGIN);
    }

    /** An approval statement by {@code reviewer} of the enrollment {@code digest} under a forged request id. */
    private ApprovalStatement forgedApproval(String digest, String reviewer, String nonce) {
        return new ApprovalStatement(
                1,
                "forged",
                digest,
                Verdict.APPROVE,
                "0".repeat(64),
                java.util.List.of(),
                "",
                reviewer,
                java.util.List.of(),
                nonce,
                clock.instant());
    }

    @Test
    void counterRewoundInTheDatabase_isCaughtByTheHostThatVerifiedTheHigherCounter_andTheKeyStopsCounting() {
        String first = parked("app-1");
        engine.approvals().review(first, BOB, Verdict.APPROVE, "ok", signedWithCounter(first, BOB, bobKey, 50));
        assertThat(engine.approvals().complete(first, ALICE).status()).isEqualTo(Status.COMPLETED);
        clock.advance(Duration.ofHours(1));
        rewindKeyCounters();
        String second = parked("app-2");
        SignedReview cloned = signedWithCounter(second, BOB, bobKey, 49);

        assertThatThrownBy(() -> engine.approvals().review(second, BOB, Verdict.APPROVE, "ok", cloned))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("did not go up in the order of its signed statements")
                .hasMessageContaining("counter 50 at " + TestClock.DEFAULT_START + " (request " + first + ")")
                .hasMessageContaining("then counter 49");
        startEngine(true); // a host started later: the stored proof stops the key there too
        assertThat(engine.approvalSigning().trustedKeys().suspended()).containsOnlyKeys(bobKey.keyId());
        String third = parked("app-3");
        assertThatThrownBy(() -> approveSigned(third, BOB, bobKey)).hasMessageContaining("may have been cloned");
    }

    @Test
    void counterRewoundInTheDatabase_isCaughtAtCompletionInAHostStartedLater_fromTheSignedEnrollmentApprovals() {
        directory.user("erin", APP_APPROVERS);
        Principal erin = Principal.of("erin");
        Authenticator erinKey = Authenticator.es256();
        String enrollment = new KeyEnrollments(engine).request(erin, enrollmentOf(erinKey, "erin"), "", "new approver");
        engine.approvals()
                .review(enrollment, BOB, Verdict.APPROVE, "ok", signedWithCounter(enrollment, BOB, bobKey, 50));
        approveSigned(enrollment, CAROL, carolKey);
        assertThat(engine.approvals().complete(enrollment, erin).status()).isEqualTo(Status.COMPLETED);
        clock.advance(Duration.ofHours(1));
        rewindKeyCounters();
        String id = parked("app-1");

        forgeApproval(id, BOB, signedWithCounter(id, BOB, bobKey, 49)); // and a host started after the rewind

        assertRefusedAtCompletion(id, "did not go up in the order of its signed statements");
        startEngine(true);
        TrustedKeys trusted = engine.approvalSigning().trustedKeys();
        assertThat(trusted.suspended()).containsOnlyKeys(bobKey.keyId());
        assertThat(trusted.untrusted(erinKey.keyId(), "erin"))
                .as("bob vouched for erin's key")
                .isNotNull();
    }

    @Test
    void keyThatKeepsNoCounter_countsAgainAndAgain() {
        String first = parked("app-1");
        engine.approvals().review(first, BOB, Verdict.APPROVE, "ok", signedWithCounter(first, BOB, bobKey, 0));
        clock.advance(Duration.ofHours(1));
        String second = parked("app-2");
        engine.approvals().review(second, BOB, Verdict.APPROVE, "ok", signedWithCounter(second, BOB, bobKey, 0));

        assertThat(engine.approvals().complete(first, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(engine.approvals().complete(second, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(engine.approvalSigning().trustedKeys().suspended()).isEmpty();
    }
}
