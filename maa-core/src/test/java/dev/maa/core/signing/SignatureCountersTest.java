package dev.maa.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.core.testing.Passkeys;
import dev.maa.core.testing.Passkeys.Authenticator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The counter rule over one key's signed statements (WebAuthn L2 §6.1.1, §7.2 step 21): non-zero counters go up in
 * the order the statements were signed and never repeat; a key that keeps no counter (always 0) never conflicts.
 */
class SignatureCountersTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private final Authenticator key = Authenticator.es256();

    /** A use of the key in {@code request}, signed {@code hours} after T with {@code counter}. */
    private SignatureCounters.Use use(String request, int hours, long counter) {
        return use(request, T.plusSeconds(3600L * hours), counter);
    }

    private SignatureCounters.Use use(String request, java.time.Instant at, long counter) {
        ApprovalStatement s = Passkeys.statement(request, "bob", at);
        return SignatureCounters.Use.of(key.sign(s.canonicalJson(), 0x05, counter, Passkeys.ORIGIN));
    }

    @Test
    void countersGoingUpInSignedTimeOrder_doNotConflict() {
        assertThat(SignatureCounters.conflict(List.of(use("c", 3, 30), use("a", 1, 10), use("b", 2, 11))))
                .isNull();
    }

    @Test
    void aLaterStatementWithALowerCounter_conflicts_namingBoth() {
        SignatureCounters.Conflict c = SignatureCounters.conflict(List.of(use("a", 1, 50), use("b", 2, 49)));

        assertThat(c).isNotNull();
        assertThat(c.reason())
                .contains("counter 50 at 2026-03-01T11:00:00Z (request a), then counter 49 at 2026-03-01T12:00:00Z"
                        + " (request b)")
                .contains("may have been cloned");
    }

    @Test
    void aRepeatedCounter_conflicts_evenAtTheSameTime() {
        assertThat(SignatureCounters.conflict(List.of(use("a", 1, 7), use("b", 2, 7))))
                .isNotNull();
        assertThat(SignatureCounters.conflict(List.of(use("a", 1, 7), use("b", 1, 7))))
                .isNotNull();
    }

    @Test
    void theSameSignedStatementListedTwice_isOneUse() {
        SignatureCounters.Use once = use("a", 1, 7);
        SignatureCounters.Use withEnrollment = new SignatureCounters.Use(
                once.keyId(),
                once.time(),
                once.counter(),
                once.where(),
                once.review().withEnrollment(new SignedKeyRecord("r", "s", "x")));

        assertThat(SignatureCounters.conflict(List.of(once, withEnrollment))).isNull();
    }

    @Test
    void aKeyThatKeepsNoCounter_neverConflicts_butZeroAfterANonZeroCounterDoes() {
        assertThat(SignatureCounters.conflict(List.of(use("a", 1, 0), use("b", 2, 0), use("c", 3, 0))))
                .isNull();
        assertThat(SignatureCounters.conflict(List.of(use("a", 1, 0), use("b", 2, 5))))
                .isNull();
        assertThat(SignatureCounters.conflict(List.of(use("a", 1, 5), use("b", 2, 0))))
                .isNotNull();
    }

    @Test
    void evidence_roundTrips_throughItsRecord() {
        SignatureCounters.Conflict c = SignatureCounters.conflict(List.of(use("a", 1, 50), use("b", 2, 49)));

        SignedKeyRecord proof = SignatureCounters.evidence(c, "bob", c.later().time());

        assertThat(SignatureCounters.carries(proof)).isTrue();
        assertThat(KeyRecord.parse(proof.record()).keyId()).isEqualTo(key.keyId());
        assertThat(SignatureCounters.reviewsOf(proof))
                .containsExactly(c.earlier().review(), c.later().review());
    }

    @Test
    void statementsMadeCloseTogether_mayBeSignedInTheOtherOrder_butNeverWithTheSameCounter() {
        SignatureCounters.Use first = use("a", T, 11);
        SignatureCounters.Use fetchedLaterSignedEarlier = use("b", T.plus(SignatureCounters.ORDER_TOLERANCE), 10);

        assertThat(SignatureCounters.conflict(List.of(first, fetchedLaterSignedEarlier)))
                .isNull();
        assertThat(SignatureCounters.conflict(List.of(first, use("b", T.plusSeconds(1), 11))))
                .isNotNull();
        assertThat(SignatureCounters.conflict(List.of(
                        first,
                        use("b", T.plus(SignatureCounters.ORDER_TOLERANCE).plusSeconds(1), 10))))
                .isNotNull();
    }
}
