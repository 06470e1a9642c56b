package dev.maa.core.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.Identities;
import java.time.Instant;
import java.util.Objects;

/**
 * A statement about an approver key, signed by an anchor: an enrollment ({@code reviewer} holds key {@code keyId}
 * with this public key) or a revocation (key {@code keyId} counts no more, whatever was enrolled).
 *
 * <p>Why signed records rather than rows: the store keeps them, but a row's presence proves nothing; the host trusts
 * a key only after verifying the anchor's signature over this canonical form itself ({@link TrustedKeys}). Encoded
 * like {@link ApprovalStatement}: compact JSON, sorted keys; a revocation has no {@code alg} and {@code public_key}.
 *
 * @param type      enroll or revoke
 * @param keyId     the credential id (WebAuthn) in unpadded base64url
 * @param reviewer  the approver's id, canonical
 * @param algorithm the key's algorithm; {@code null} for a revocation
 * @param publicKey the key as X.509 SubjectPublicKeyInfo in unpadded base64url; {@code null} for a revocation
 * @param at        when the record was made
 */
public record KeyRecord(
        Type type, String keyId, String reviewer, KeyAlgorithm algorithm, String publicKey, Instant at) {

    /** What a record says. */
    public enum Type {
        ENROLL,
        REVOKE
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public KeyRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(at, "at");
        reviewer = Identities.canonical(Objects.requireNonNull(reviewer, "reviewer"));
        at = Instant.ofEpochMilli(at.toEpochMilli());
        if (type == Type.ENROLL) {
            Objects.requireNonNull(algorithm, "algorithm");
            algorithm.publicKey(Bytes.unb64(Objects.requireNonNull(publicKey, "publicKey"), "the public key"));
        } else {
            algorithm = null;
            publicKey = null;
        }
    }

    public static KeyRecord enroll(String keyId, String reviewer, KeyAlgorithm algorithm, byte[] spki, Instant at) {
        return new KeyRecord(Type.ENROLL, keyId, reviewer, algorithm, Bytes.b64(spki), at);
    }

    public static KeyRecord revoke(String keyId, String reviewer, Instant at) {
        return new KeyRecord(Type.REVOKE, keyId, reviewer, null, null, at);
    }

    /** The bytes an anchor signs. */
    public String canonicalJson() {
        ObjectNode n = JSON.createObjectNode();
        if (algorithm != null) {
            n.put("alg", algorithm.wireName());
        }
        n.put("at", at.toString());
        n.put("key", keyId);
        if (publicKey != null) {
            n.put("public_key", publicKey);
        }
        n.put("reviewer", reviewer);
        n.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        n.put("v", 1);
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a key record", e);
        }
    }

    /**
     * Reads a record that must be in canonical form.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static KeyRecord parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("key record is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject() || n.path("v").asInt(-1) != 1) {
            throw new IllegalArgumentException("key record is not a version 1 JSON object");
        }
        KeyRecord r;
        try {
            Type type = Type.valueOf(n.path("type").asText("").toUpperCase(java.util.Locale.ROOT));
            r = new KeyRecord(
                    type,
                    n.path("key").asText(null),
                    n.path("reviewer").asText(null),
                    n.hasNonNull("alg") ? KeyAlgorithm.fromWire(n.get("alg").asText()) : null,
                    n.path("public_key").asText(null),
                    Instant.parse(n.path("at").asText("")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("key record is malformed: " + e.getMessage());
        }
        if (!r.canonicalJson().equals(json)) {
            throw new IllegalArgumentException("key record is not in canonical form");
        }
        return r;
    }
}
