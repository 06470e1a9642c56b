package dev.maa.core.signing;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures this host JVM has verified itself, remembered in its memory by the SHA-256 of exactly what was
 * verified (algorithm, public key, signed bytes, signature), so that completing a request re-checks a hash instead of
 * an ES256 verification (about 1 ms each on JDK 17) for a review the same JVM verified when it was recorded.
 *
 * <p>Why this is safe: whether a signature verifies under a key is a fact about those bytes alone, so a remembered
 * "it verifies" is exactly as good as verifying again, as long as the memory is this JVM's own. Nothing here is read
 * from or written to a store: another JVM, or this one after a restart, verifies again. Only successes are kept
 * (a failure is cheap to find again and must never become a success); every other check (trust, revocation, the
 * statement, origin, relying party, flags, counter) runs in full at each completion. A different byte anywhere gives
 * another hash, and SHA-256 collisions cannot be made. The memory is bounded (least recently used entries go first):
 * an entry that was dropped only costs a verification.
 */
final class VerifiedSignatures {

    /** Enough for the open reviews of a busy host; an entry is 32 bytes of hash plus map overhead. */
    static final int DEFAULT_CAPACITY = 10_000;

    private final Map<ByteBuffer, Boolean> verified;

    VerifiedSignatures(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.verified = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    /** Whether {@code signature} is {@code algorithm}'s signature of {@code data} under {@code key}. */
    boolean verifies(KeyAlgorithm algorithm, PublicKey key, byte[] data, byte[] signature) {
        ByteBuffer fingerprint = ByteBuffer.wrap(fingerprint(algorithm, key, data, signature));
        if (verified.containsKey(fingerprint)) {
            return true;
        }
        boolean ok = algorithm.verifies(key, data, signature);
        if (ok) {
            verified.put(fingerprint, Boolean.TRUE);
        }
        return ok;
    }

    int size() {
        return verified.size();
    }

    /** SHA-256 over each part, length-prefixed so that no two different inputs give the same sequence of bytes. */
    private static byte[] fingerprint(KeyAlgorithm algorithm, PublicKey key, byte[] data, byte[] signature) {
        byte[][] parts = {Bytes.utf8(algorithm.wireName()), key.getEncoded(), data, signature};
        int length = 0;
        for (byte[] part : parts) {
            length += 4 + part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.putInt(part.length).put(part);
        }
        return Bytes.sha256(all.array());
    }
}
