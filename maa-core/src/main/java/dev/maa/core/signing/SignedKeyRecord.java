package dev.maa.core.signing;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A {@link KeyRecord} as stored: its canonical JSON, the name of the anchor that signed it, and the signature.
 *
 * @param record    the record's canonical JSON
 * @param signer    the anchor's name
 * @param signature the anchor's signature over the record's UTF-8 bytes, unpadded base64url
 */
public record SignedKeyRecord(String record, String signer, String signature) {

    public SignedKeyRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signature, "signature");
    }

    /** {@code record} signed with the private key of anchor {@code anchorName}. */
    public static SignedKeyRecord sign(KeyRecord record, String anchorName, KeyAlgorithm alg, PrivateKey key) {
        String json = record.canonicalJson();
        return new SignedKeyRecord(json, anchorName, Bytes.b64(alg.sign(key, Bytes.utf8(json))));
    }
}
