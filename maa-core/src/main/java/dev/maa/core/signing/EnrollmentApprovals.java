package dev.maa.core.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.Identities;
import dev.maa.core.codec.ParkedCallCodec;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What makes a key record trusted without an anchor: the request that parked it ({@link KeyEnrollment}) and the
 * passkey-signed approvals of that request, as stored beside the record.
 *
 * <p>Why the evidence travels with the record: trust is computed in every host from its anchors and the stored bytes
 * alone ({@link TrustedKeys}), so the record must carry everything needed to verify it again: each approval's
 * statement and WebAuthn assertion, and the approving key's own enrollment (anchor-signed, or approved in turn), so
 * an audit export verifies offline too. It is stored as a {@link SignedKeyRecord} whose {@code signer} is
 * {@link #SIGNER} (it holds spaces, so it can never be an anchor's name) and whose {@code signature} is this object's
 * JSON ({@code v}, {@code request}, {@code requester}, {@code aaguid}, {@code reviews}).
 *
 * @param requestId the request that parked the key change
 * @param requester who asked for it, canonical; bound by the digest the approvers signed
 * @param aaguid    the authenticator model at registration, bound by the digest; empty if unknown
 * @param reviews   the signed approvals of that request, each with its key's enrollment attached
 */
public record EnrollmentApprovals(String requestId, String requester, String aaguid, List<SignedReview> reviews) {

    /** The {@code signer} of a key record trusted through approvals. */
    public static final String SIGNER = "approvals of trusted keys";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The one codec, JDK value types only (the call's arguments are strings); built once, it is immutable. */
    private static final ParkedCallCodec CODEC = ParkedCallCodec.allowing();

    private static final Method APPLY;

    static {
        try {
            APPLY = KeyEnrollmentTarget.class.getMethod(
                    "apply", String.class, String.class, String.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public EnrollmentApprovals {
        Objects.requireNonNull(requestId, "requestId");
        requester = Identities.canonical(Objects.requireNonNull(requester, "requester"));
        aaguid = aaguid == null ? "" : aaguid;
        reviews = List.copyOf(reviews);
    }

    /** Whether {@code sr} is trusted through approvals (else it must be anchor-signed). */
    public static boolean carries(SignedKeyRecord sr) {
        return SIGNER.equals(sr.signer());
    }

    /** {@code record} as stored with this evidence. */
    public SignedKeyRecord attach(KeyRecord record) {
        return new SignedKeyRecord(record.canonicalJson(), SIGNER, toJson());
    }

    /**
     * The digest of the parked call that asks for {@code record}: what each approval's statement must name. It is
     * the digest the engine computed when it parked {@link KeyEnrollment#apply}, recomputed here with the one codec.
     */
    public static String digest(KeyRecord record, String requester, String aaguid) {
        Object[] args = {record.keyId(), record.canonicalJson(), Identities.canonical(requester), aaguid};
        return CODEC.encode(APPLY, args).digest();
    }

    /** The digest the approvals of {@code record} must name. */
    public String digestOf(KeyRecord record) {
        return digest(record, requester, aaguid);
    }

    public String toJson() {
        TreeMap<String, Object> m = new TreeMap<>();
        m.put("aaguid", aaguid);
        m.put("request", requestId);
        m.put("requester", requester);
        m.put("reviews", reviews.stream().map(SignedReview::toMap).toList());
        m.put("v", 1);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode enrollment approvals", e);
        }
    }

    /**
     * Reads the evidence stored in a record's {@code signature}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static EnrollmentApprovals parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("enrollment approvals are not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject() || n.path("v").asInt(-1) != 1) {
            throw new IllegalArgumentException("enrollment approvals are not a version 1 JSON object");
        }
        if (!n.path("request").isTextual()
                || !n.path("requester").isTextual()
                || !n.path("reviews").isArray()) {
            throw new IllegalArgumentException("enrollment approvals need 'request', 'requester' and 'reviews'");
        }
        List<SignedReview> reviews = new ArrayList<>();
        for (JsonNode r : n.get("reviews")) {
            reviews.add(SignedReview.fromJson(r));
        }
        return new EnrollmentApprovals(
                n.get("request").asText(),
                n.get("requester").asText(),
                n.path("aaguid").asText(""),
                reviews);
    }
}
