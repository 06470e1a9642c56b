package dev.maa.core.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A review signed with a passkey: the statement and the WebAuthn assertion over it, exactly the bytes the
 * authenticator and browser produced, so anyone holding the trusted public key can verify it again (the host before
 * a call runs, {@code maa approvals verify} offline).
 *
 * <p>It travels as a JSON object (the {@code signature} field of approve and reject, and the {@code signed} member of
 * the review's audit event): {@code statement} (the canonical statement text), {@code key} (credential id),
 * {@code authenticator_data}, {@code client_data} and {@code signature} (unpadded base64url), and once recorded
 * {@code enrollment} ({@code record}, {@code signer}, {@code signature} of the key's anchor-signed enrollment).
 *
 * @param statement         the canonical {@link ApprovalStatement} text
 * @param keyId             the credential id, unpadded base64url
 * @param authenticatorData WebAuthn authenticatorData
 * @param clientDataJson    WebAuthn clientDataJSON
 * @param signature         the assertion signature over authenticatorData || SHA-256(clientDataJSON)
 * @param enrollment        the anchor-signed enrollment of the key, attached when the review is recorded so that an
 *                          audit export verifies offline with the anchors alone; {@code null} if not (yet) attached
 */
public record SignedReview(
        String statement,
        String keyId,
        byte[] authenticatorData,
        byte[] clientDataJson,
        byte[] signature,
        SignedKeyRecord enrollment) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Flag bits of authenticatorData (WebAuthn §6.1). */
    static final int USER_PRESENT = 0x01;

    static final int USER_VERIFIED = 0x04;

    public SignedReview {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(keyId, "keyId");
        authenticatorData =
                Objects.requireNonNull(authenticatorData, "authenticatorData").clone();
        clientDataJson =
                Objects.requireNonNull(clientDataJson, "clientDataJson").clone();
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    /** A signed review as the browser returns it, without the key's enrollment. */
    public SignedReview(
            String statement, String keyId, byte[] authenticatorData, byte[] clientDataJson, byte[] signature) {
        this(statement, keyId, authenticatorData, clientDataJson, signature, null);
    }

    /** This review with the key's anchor-signed {@code enrollment} attached. */
    public SignedReview withEnrollment(SignedKeyRecord enrollment) {
        return new SignedReview(statement, keyId, authenticatorData, clientDataJson, signature, enrollment);
    }

    /** The JSON object form (keys sorted). */
    public TreeMap<String, Object> toMap() {
        TreeMap<String, Object> m = new TreeMap<>();
        m.put("authenticator_data", Bytes.b64(authenticatorData));
        m.put("client_data", Bytes.b64(clientDataJson));
        if (enrollment != null) {
            TreeMap<String, String> e = new TreeMap<>();
            e.put("record", enrollment.record());
            e.put("signature", enrollment.signature());
            e.put("signer", enrollment.signer());
            m.put("enrollment", e);
        }
        m.put("key", keyId);
        m.put("signature", Bytes.b64(signature));
        m.put("statement", statement);
        return m;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a signed review", e);
        }
    }

    /**
     * Reads the JSON object form.
     *
     * @throws IllegalArgumentException naming the member that is missing or malformed
     */
    public static SignedReview fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a signed review must be a JSON object");
        }
        return new SignedReview(
                member(n, "statement"),
                member(n, "key"),
                Bytes.unb64(member(n, "authenticator_data"), "signed review 'authenticator_data'"),
                Bytes.unb64(member(n, "client_data"), "signed review 'client_data'"),
                Bytes.unb64(member(n, "signature"), "signed review 'signature'"),
                n.has("enrollment")
                        ? new SignedKeyRecord(
                                member(n.get("enrollment"), "record"),
                                member(n.get("enrollment"), "signer"),
                                member(n.get("enrollment"), "signature"))
                        : null);
    }

    /** As {@link #fromJson(JsonNode)} for text. */
    public static SignedReview parse(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a signed review must be JSON: " + e.getOriginalMessage());
        }
    }

    private static String member(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("signed review member '" + key + "' is missing or not a string");
        }
        return v.asText();
    }

    /** The authenticator's flags byte, or -1 if authenticatorData is too short to hold one. */
    public int flags() {
        return authenticatorData.length < 37 ? -1 : authenticatorData[32] & 0xff;
    }

    /** The signature counter in authenticatorData (0 if the authenticator keeps none), or -1 if too short. */
    public long counter() {
        if (authenticatorData.length < 37) {
            return -1;
        }
        long c = 0;
        for (int i = 33; i < 37; i++) {
            c = (c << 8) | (authenticatorData[i] & 0xff);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedReview s && toMap().equals(s.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "SignedReview" + toMap();
    }
}
