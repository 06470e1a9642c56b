package dev.maa.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Verdict;
import dev.maa.core.testing.Passkeys;
import dev.maa.core.testing.Passkeys.Anchor;
import dev.maa.core.testing.Passkeys.Authenticator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Trust through approvals, computed in the host: a key enrolled by a request counts only with the signed approvals of
 * enough other admins whose own keys are trusted, over exactly that key change's digest.
 */
class EnrollmentApprovalsTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final TrustedKeys.ApprovalRule RULE =
            new TrustedKeys.ApprovalRule(2, Passkeys.RP_ID, Set.of(Passkeys.ORIGIN));

    private final Anchor anchor = Anchor.create("security", KeyAlgorithm.EDDSA);
    private final Authenticator bobKey = Authenticator.es256();
    private final Authenticator carolKey = Authenticator.es256();
    private final Authenticator daveKey = Authenticator.es256();
    private final Authenticator erinKey = Authenticator.es256();
    private final List<SignedKeyRecord> records = new ArrayList<>();

    EnrollmentApprovalsTest() {
        records.add(anchor.sign(enrollment(bobKey, "bob")));
        records.add(anchor.sign(enrollment(carolKey, "carol")));
    }

    private static KeyRecord enrollment(Authenticator key, String owner) {
        return KeyRecord.enroll(
                key.keyId(), owner, key.alg(), key.pair().getPublic().getEncoded(), T);
    }

    /** An approval of the request {@code requestId} asking for {@code record}, signed by {@code key} of {@code by}. */
    private static SignedReview approval(
            KeyRecord record, String requestId, String requester, String by, Authenticator key) {
        return sign(record, requestId, requester, by, key, Verdict.APPROVE);
    }

    private static SignedReview sign(
            KeyRecord record, String requestId, String requester, String by, Authenticator key, Verdict verdict) {
        String digest = EnrollmentApprovals.digest(record, requester, "");
        ApprovalStatement s = new ApprovalStatement(
                ApprovalStatement.VERSION,
                requestId,
                digest,
                verdict,
                Bytes.sha256Hex(""),
                List.of("approver-keys"),
                "r1",
                by,
                List.of("security-admins"),
                "nonce-" + by,
                T);
        return key.sign(s);
    }

    /** As {@link #approval}, signed at {@code at} with signature counter {@code counter}. */
    private static SignedReview signedAt(
            KeyRecord record, String requester, String by, Authenticator key, Instant at, long counter) {
        ApprovalStatement s = new ApprovalStatement(
                ApprovalStatement.VERSION,
                "req-" + record.keyId(),
                EnrollmentApprovals.digest(record, requester, ""),
                Verdict.APPROVE,
                Bytes.sha256Hex(""),
                List.of("approver-keys"),
                "r1",
                by,
                List.of("security-admins"),
                "nonce-" + by + "-" + counter,
                at);
        return key.sign(s.canonicalJson(), 0x05, counter, Passkeys.ORIGIN);
    }

    private static SignedKeyRecord approved(KeyRecord record, String requester, SignedReview... reviews) {
        return new EnrollmentApprovals("req-" + record.keyId(), requester, "", List.of(reviews)).attach(record);
    }

    private SignedKeyRecord daveApprovedBy(SignedReview... reviews) {
        return approved(enrollment(daveKey, "dave"), "dave", reviews);
    }

    private SignedReview byBob(KeyRecord r, String requester) {
        return approval(r, "req-" + r.keyId(), requester, "bob", bobKey);
    }

    private SignedReview byCarol(KeyRecord r, String requester) {
        return approval(r, "req-" + r.keyId(), requester, "carol", carolKey);
    }

    private TrustedKeys trust() {
        return TrustedKeys.compute(anchor.anchors(), records, RULE);
    }

    @Test
    void enrollment_approvedByTwoTrustedKeysOfOtherAdmins_isTrusted_byWhomShown() {
        KeyRecord dave = enrollment(daveKey, "dave");
        records.add(daveApprovedBy(byBob(dave, "dave"), byCarol(dave, "dave")));

        TrustedKeys t = trust();

        assertThat(t.untrusted(daveKey.keyId(), "dave"))
                .as(t.problems().toString())
                .isNull();
        assertThat(t.get(daveKey.keyId()).approvers()).containsExactly("bob", "carol");
        assertThat(t.get(daveKey.keyId()).trustedBy())
                .isEqualTo("approvals of bob, carol (request req-" + daveKey.keyId() + ")");
        assertThat(t.get(bobKey.keyId()).trustedBy()).isEqualTo("anchor security");
    }

    @Test
    void enrollment_withOneApprovalOnly_isNotTrusted_andSaysHowManyCounted() {
        KeyRecord dave = enrollment(daveKey, "dave");
        records.add(daveApprovedBy(byBob(dave, "dave")));

        TrustedKeys t = trust();

        assertThat(t.untrusted(daveKey.keyId(), "dave")).isNotNull();
        assertThat(t.problems()).singleElement().asString().contains("count 1 of the 2 it needs (by bob)");
    }

    @Test
    void theSameApproverTwice_countsOnce() {
        KeyRecord dave = enrollment(daveKey, "dave");
        records.add(daveApprovedBy(byBob(dave, "dave"), byBob(dave, "dave")));

        assertThat(trust().untrusted(daveKey.keyId(), "dave")).isNotNull();
    }

    @Test
    void approvalsByTheEnrollee_orByTheRequester_neverCount() {
        Authenticator bobSecond = Authenticator.es256();
        KeyRecord second = enrollment(bobSecond, "bob");
        records.add(approved(second, "carol", byBob(second, "carol"), byCarol(second, "carol")));

        TrustedKeys t = trust();

        assertThat(t.untrusted(bobSecond.keyId(), "bob")).isNotNull();
        assertThat(t.problems())
                .singleElement()
                .asString()
                .contains("by bob is by the key's owner")
                .contains("by carol is by the requester");
    }

    @Test
    void approvalByAnUntrustedKey_doesNotCount() {
        KeyRecord dave = enrollment(daveKey, "dave");
        Authenticator rogue = Authenticator.es256(); // carol's name, a key no anchor enrolled
        records.add(
                daveApprovedBy(byBob(dave, "dave"), approval(dave, "req-" + daveKey.keyId(), "dave", "carol", rogue)));

        TrustedKeys t = trust();

        assertThat(t.untrusted(daveKey.keyId(), "dave")).isNotNull();
        assertThat(t.problems()).singleElement().asString().contains("which is not trusted");
    }

    @Test
    void revokedApprover_stopsCountingAtOnce_andTheKeysItVouchedForLoseTrust() {
        KeyRecord dave = enrollment(daveKey, "dave");
        records.add(daveApprovedBy(byBob(dave, "dave"), byCarol(dave, "dave")));
        assertThat(trust().untrusted(daveKey.keyId(), "dave")).isNull();

        records.add(anchor.sign(KeyRecord.revoke(carolKey.keyId(), "carol", T)));
        TrustedKeys t = trust();

        assertThat(t.untrusted(carolKey.keyId(), "carol")).contains("revoked");
        assertThat(t.untrusted(daveKey.keyId(), "dave")).contains("has no enrollment");
    }

    @Test
    void revocation_approvedByTwoTrustedKeys_revokes() {
        KeyRecord dave = enrollment(daveKey, "dave");
        records.add(daveApprovedBy(byBob(dave, "dave"), byCarol(dave, "dave")));
        KeyRecord revoke = KeyRecord.revoke(daveKey.keyId(), "dave", T);
        records.add(approved(revoke, "dave", byBob(revoke, "dave"), byCarol(revoke, "dave")));

        assertThat(trust().untrusted(daveKey.keyId(), "dave")).contains("revoked");
    }

    @Test
    void keysVouchingForEachOther_withoutAnAnchor_areNotTrusted() {
        KeyRecord dave = enrollment(daveKey, "dave");
        KeyRecord erin = enrollment(erinKey, "erin");
        records.add(
                daveApprovedBy(approval(dave, "req-" + daveKey.keyId(), "dave", "erin", erinKey), byBob(dave, "dave")));
        records.add(approved(
                erin,
                "erin",
                approval(erin, "req-" + erinKey.keyId(), "erin", "dave", daveKey),
                approval(erin, "req-" + erinKey.keyId(), "erin", "bob", bobKey)));

        TrustedKeys t = trust();

        assertThat(t.untrusted(daveKey.keyId(), "dave")).isNotNull();
        assertThat(t.untrusted(erinKey.keyId(), "erin")).isNotNull();
    }

    @Test
    void aKeyTrustedThroughApprovals_vouchesInTurn() {
        KeyRecord dave = enrollment(daveKey, "dave");
        KeyRecord erin = enrollment(erinKey, "erin");
        records.add(approved(
                erin,
                "erin",
                approval(erin, "req-" + erinKey.keyId(), "erin", "dave", daveKey),
                approval(erin, "req-" + erinKey.keyId(), "erin", "bob", bobKey)));
        records.add(
                daveApprovedBy(byBob(dave, "dave"), byCarol(dave, "dave"))); // stored after erin's: order is no matter

        TrustedKeys t = trust();

        assertThat(t.untrusted(erinKey.keyId(), "erin"))
                .as(t.problems().toString())
                .isNull();
    }

    @Test
    void approvalsForAnotherRequestOrDigest_orRejections_doNotCount() {
        KeyRecord dave = enrollment(daveKey, "dave");
        KeyRecord other = enrollment(erinKey, "dave"); // another key: another digest
        records.add(daveApprovedBy(
                byBob(dave, "dave"),
                approval(other, "req-" + daveKey.keyId(), "dave", "carol", carolKey),
                sign(dave, "req-" + daveKey.keyId(), "dave", "carol", carolKey, Verdict.REJECT),
                approval(dave, "req-elsewhere", "dave", "carol", carolKey)));

        TrustedKeys t = trust();

        assertThat(t.untrusted(daveKey.keyId(), "dave")).isNotNull();
        assertThat(t.problems().get(0)).contains("not this key change's").contains("is a rejection");
    }

    @Test
    void evidenceChangedByADatabaseWriter_doesNotCount() {
        KeyRecord dave = enrollment(daveKey, "dave");
        SignedKeyRecord real = daveApprovedBy(byBob(dave, "dave"), byCarol(dave, "dave"));
        KeyRecord swapped = enrollment(erinKey, "dave"); // the writer's own key under the approved evidence
        records.add(new SignedKeyRecord(swapped.canonicalJson(), real.signer(), real.signature()));

        assertThat(trust().untrusted(erinKey.keyId(), "dave")).isNotNull();
    }

    @Test
    void anExport_verifiesOffline_fromTheApprovingKeysEnrollmentsItCarries() {
        KeyRecord dave = enrollment(daveKey, "dave");
        SignedReview bob = byBob(dave, "dave").withEnrollment(records.get(0));
        SignedReview carol = byCarol(dave, "dave").withEnrollment(records.get(1));

        TrustedKeys alone = TrustedKeys.compute(anchor.anchors(), List.of(daveApprovedBy(bob, carol)));

        assertThat(alone.untrusted(daveKey.keyId(), "dave"))
                .as(alone.problems().toString())
                .isNull();
    }

    @Test
    void rule_refusesFewerThanTwoApprovals_namingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TrustedKeys.ApprovalRule(1, null, null))
                .hasMessageContaining("approvals.enrollment_approvals is 1");
    }

    @Test
    void approverWhoseCountersConflictAcrossEnrollments_stopsCounting_andTheKeysItVouchedForFall() {
        KeyRecord dave = enrollment(daveKey, "dave");
        KeyRecord erin = enrollment(erinKey, "erin");
        records.add(daveApprovedBy(signedAt(dave, "dave", "bob", bobKey, T, 50), byCarol(dave, "dave")));
        records.add(approved(
                erin,
                "erin",
                signedAt(erin, "erin", "bob", bobKey, T.plusSeconds(3600), 40),
                approval(erin, "req-" + erinKey.keyId(), "erin", "carol", carolKey)));

        TrustedKeys t = trust();

        assertThat(t.suspended()).containsOnlyKeys(bobKey.keyId());
        assertThat(t.untrusted(bobKey.keyId(), "bob"))
                .contains("counter 50 at " + T)
                .contains("then counter 40")
                .contains("may have been cloned");
        assertThat(t.untrusted(daveKey.keyId(), "dave")).isNotNull();
        assertThat(t.untrusted(erinKey.keyId(), "erin")).isNotNull();
        assertThat(t.untrusted(carolKey.keyId(), "carol")).isNull();
    }

    @Test
    void conflictProofWithReviewsTheKeyDidNotSign_isIgnored() {
        KeyRecord dave = enrollment(daveKey, "dave");
        Authenticator notBobs = Authenticator.es256();
        SignedReview a = signedAt(dave, "dave", "bob", notBobs, T, 50);
        SignedReview b = signedAt(dave, "dave", "bob", notBobs, T.plusSeconds(3600), 40);
        SignedReview[] underBobsId = {a, b};
        for (int i = 0; i < 2; i++) {
            SignedReview r = underBobsId[i];
            underBobsId[i] = new SignedReview(
                    r.statement(), bobKey.keyId(), r.authenticatorData(), r.clientDataJson(), r.signature());
        }
        SignatureCounters.Conflict claimed = SignatureCounters.conflict(
                List.of(SignatureCounters.Use.of(underBobsId[0]), SignatureCounters.Use.of(underBobsId[1])));
        records.add(SignatureCounters.evidence(claimed, "bob", T));

        TrustedKeys t = trust();

        assertThat(t.suspended()).isEmpty();
        assertThat(t.untrusted(bobKey.keyId(), "bob")).isNull();
    }
}
