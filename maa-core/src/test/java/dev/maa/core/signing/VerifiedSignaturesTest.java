package dev.maa.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/**
 * The host's memory of verified signatures answers exactly as a verification would: only successes are kept, and
 * a changed byte of the key, the data or the signature is verified again (and fails).
 */
class VerifiedSignaturesTest {

    private final KeyPair key = KeyAlgorithm.ES256.generateKeyPair();
    private final byte[] data = Bytes.utf8("authenticatorData || SHA-256(clientDataJSON)");
    private final byte[] signature = KeyAlgorithm.ES256.sign(key.getPrivate(), data);
    private final VerifiedSignatures memory = new VerifiedSignatures(VerifiedSignatures.DEFAULT_CAPACITY);

    @Test
    void validSignature_isVerifiedOnce_andRememberedByItsBytes() {
        assertThat(memory.verifies(KeyAlgorithm.ES256, key.getPublic(), data, signature))
                .isTrue();
        assertThat(memory.verifies(KeyAlgorithm.ES256, key.getPublic(), data, signature))
                .isTrue();

        assertThat(memory.size()).isEqualTo(1);
    }

    @Test
    void failedVerification_isNotRemembered() {
        byte[] other = Bytes.utf8("other data");

        assertThat(memory.verifies(KeyAlgorithm.ES256, key.getPublic(), other, signature))
                .isFalse();
        assertThat(memory.verifies(KeyAlgorithm.ES256, key.getPublic(), other, signature))
                .isFalse();
        assertThat(memory.size()).isZero();
    }

    @Test
    void rememberedSignature_withAnyByteOfDataOrSignatureChanged_failsAgain() {
        assertThat(memory.verifies(KeyAlgorithm.ES256, key.getPublic(), data, signature))
                .isTrue();

        for (int i = 0; i < data.length; i++) {
            byte[] changed = data.clone();
            changed[i] ^= 1;
            assertThat(memory.verifies(KeyAlgorithm.ES256, key.getPublic(), changed, signature))
                    .as("data byte %d changed", i)
                    .isFalse();
        }
        byte[] changedSignature = signature.clone();
        changedSignature[changedSignature.length - 1] ^= 1;
        assertThat(memory.verifies(KeyAlgorithm.ES256, key.getPublic(), data, changedSignature))
                .isFalse();
    }

    @Test
    void rememberedSignature_underAnotherKey_failsAgain() {
        KeyPair other = KeyAlgorithm.ES256.generateKeyPair();
        assertThat(memory.verifies(KeyAlgorithm.ES256, key.getPublic(), data, signature))
                .isTrue();

        assertThat(memory.verifies(KeyAlgorithm.ES256, other.getPublic(), data, signature))
                .isFalse();
    }

    @Test
    void memory_isBounded_andADroppedEntryIsVerifiedAgain() {
        VerifiedSignatures small = new VerifiedSignatures(2);
        for (int i = 0; i < 3; i++) {
            byte[] d = Bytes.utf8("data " + i);
            assertThat(small.verifies(
                            KeyAlgorithm.ES256, key.getPublic(), d, KeyAlgorithm.ES256.sign(key.getPrivate(), d)))
                    .isTrue();
        }

        assertThat(small.size()).isEqualTo(2);
        assertThat(small.verifies(KeyAlgorithm.ES256, key.getPublic(), data, signature))
                .isTrue();
        assertThat(small.size()).isEqualTo(2);
    }
}
