package dev.maa.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.core.testing.Passkeys.Anchor;
import dev.maa.core.testing.Passkeys.Authenticator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trust is computed from the host's anchors alone: a stored record proves nothing until its signature verifies. */
class TrustedKeysTest {

    private final Anchor anchor = Anchor.create("security", KeyAlgorithm.ES256);
    private final Authenticator key = Authenticator.es256();

    private KeyRecord enrollment(String reviewer) {
        return KeyRecord.enroll(
                key.keyId(),
                reviewer,
                KeyAlgorithm.ES256,
                key.pair().getPublic().getEncoded(),
                Instant.EPOCH);
    }

    @Test
    void enrollmentSignedByAnES256Anchor_isTrusted_forItsReviewerOnly() {
        TrustedKeys t = TrustedKeys.compute(anchor.anchors(), List.of(anchor.sign(enrollment("Bob"))));

        assertThat(t.untrusted(key.keyId(), "bob")).isNull();
        assertThat(t.untrusted(key.keyId(), "carol")).contains("enrolled for bob, not for carol");
    }

    @Test
    void enrollmentSignedByAnotherKeyOfTheSameName_isIgnored_andReported() {
        Anchor impostor = Anchor.create("security", KeyAlgorithm.ES256);

        TrustedKeys t = TrustedKeys.compute(anchor.anchors(), List.of(impostor.sign(enrollment("bob"))));

        assertThat(t.untrusted(key.keyId(), "bob")).contains("no enrollment signed by an anchor");
        assertThat(t.problems()).singleElement().asString().contains("does not verify");
    }

    @Test
    void enrollmentWhoseRecordWasEdited_isIgnored() {
        SignedKeyRecord signed = anchor.sign(enrollment("carol"));
        SignedKeyRecord edited =
                new SignedKeyRecord(signed.record().replace("carol", "bob"), signed.signer(), signed.signature());

        TrustedKeys t = TrustedKeys.compute(anchor.anchors(), List.of(edited));

        assertThat(t.untrusted(key.keyId(), "bob")).isNotNull();
    }

    @Test
    void revocation_winsOverAnyEnrollment_beforeOrAfterIt() {
        SignedKeyRecord revoke = anchor.sign(KeyRecord.revoke(key.keyId(), "bob", Instant.EPOCH));

        TrustedKeys t = TrustedKeys.compute(
                anchor.anchors(), List.of(anchor.sign(enrollment("bob")), revoke, anchor.sign(enrollment("bob"))));

        assertThat(t.untrusted(key.keyId(), "bob")).contains("is revoked");
    }

    @Test
    void oneKeyEnrolledForTwoReviewers_isTrustedForNeither() {
        TrustedKeys t = TrustedKeys.compute(
                anchor.anchors(), List.of(anchor.sign(enrollment("bob")), anchor.sign(enrollment("carol"))));

        assertThat(t.untrusted(key.keyId(), "bob")).isNotNull();
        assertThat(t.untrusted(key.keyId(), "carol")).isNotNull();
    }

    @Test
    void anchorsFile_roundTrips_andRefusesBadLinesNamingThem() {
        String line = anchor.anchors().all().get(0).line();

        assertThat(Anchors.parse("# team\n" + line + "\n", "anchors").find("security"))
                .isPresent();
        assertThatThrownBy(() -> Anchors.parse("# team\nsecurity es256\n", "anchors"))
                .hasMessageStartingWith("anchors:2: expected 'NAME ALGORITHM PUBLIC_KEY'");
        assertThatThrownBy(() -> Anchors.parse(line + "\n" + line, "anchors"))
                .hasMessageContaining("anchors:2: anchor 'security' is named twice");
        assertThatThrownBy(() -> Anchors.parse("# nothing\n", "anchors")).hasMessageContaining("names no anchor");
    }

    @Test
    void keyRecord_parse_refusesANonCanonicalSpelling() {
        String json = enrollment("bob").canonicalJson();

        assertThat(KeyRecord.parse(json)).isEqualTo(enrollment("bob"));
        assertThatThrownBy(() -> KeyRecord.parse(json.replace("{", "{ "))).hasMessageContaining("canonical form");
    }
}
