package dev.maa.core.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Identities;
import dev.maa.api.Verdict;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an approver signs: one review of one request, in one canonical byte form whose SHA-256 is the WebAuthn
 * challenge.
 *
 * <p>Why a statement of its own rather than the request: the signature must bind exactly what the host checks before
 * a call runs (this request, this parked call's digest, approve and not reject, the reviewer and the groups they held,
 * the factors and policy revision it counts for) and nothing a server could vary unseen. The encoding is compact
 * JSON with the keys in a fixed (sorted) order, no spaces, times ISO-8601 in UTC truncated to milliseconds, sets sorted;
 * {@link #parse} accepts only that exact form, so one statement has one encoding. A change of format is a new
 * {@link #VERSION}, fixed by golden tests.
 *
 * @param version        the statement format, {@link #VERSION}
 * @param requestId      the request reviewed
 * @param digest         the SHA-256 of the parked call reviewed (hex)
 * @param decision       approve or reject
 * @param notesSha256    SHA-256 (hex) of the review notes' UTF-8 bytes
 * @param factors        the policies of the request's factors this review counts for, sorted
 * @param policyRevision the revision of the policy that parked the call
 * @param reviewer       the reviewer's id in canonical form ({@link Identities#canonical})
 * @param groups         the reviewer's groups at review time, canonical, sorted
 * @param nonce          a server nonce, unique per statement
 * @param time           when the statement was made (milliseconds)
 */
public record ApprovalStatement(
        int version,
        String requestId,
        String digest,
        Verdict decision,
        String notesSha256,
        List<String> factors,
        String policyRevision,
        String reviewer,
        List<String> groups,
        String nonce,
        Instant time) {

    /** The statement format this version writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of(
            "decision",
            "digest",
            "factors",
            "groups",
            "nonce",
            "notes_sha256",
            "policy_revision",
            "request",
            "reviewer",
            "time",
            "v");

    public ApprovalStatement {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(notesSha256, "notesSha256");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(time, "time");
        policyRevision = policyRevision == null ? "" : policyRevision;
        factors = List.copyOf(new TreeSet<>(factors));
        groups = List.copyOf(new TreeSet<>(groups));
        time = Instant.ofEpochMilli(time.toEpochMilli());
    }

    /**
     * The statement {@code reviewer} (canonical id, holding {@code groups} now) signs to give {@code decision} with
     * {@code notes} on {@code r}.
     */
    public static ApprovalStatement of(
            ApprovalRequest r,
            String reviewer,
            Set<String> groups,
            Verdict decision,
            String notes,
            String nonce,
            Instant time) {
        List<String> canonicalGroups = new ArrayList<>();
        groups.forEach(g -> canonicalGroups.add(Identities.canonical(g)));
        return new ApprovalStatement(
                VERSION,
                r.id(),
                r.digest(),
                decision,
                Bytes.sha256Hex(notes == null ? "" : notes),
                factorsFor(r.factors(), groups),
                r.policyRevision(),
                Identities.canonical(reviewer),
                canonicalGroups,
                nonce,
                time);
    }

    /** The policies of {@code factors} that a reviewer holding {@code groups} counts for. */
    public static List<String> factorsFor(List<Factor> factors, Set<String> groups) {
        List<String> out = new ArrayList<>();
        for (Factor f : factors) {
            if (f.admits(groups)) {
                out.add(f.policy());
            }
        }
        return out;
    }

    /** The canonical encoding: what is hashed into the challenge and stored with the signature. */
    public String canonicalJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("decision", decision.name().toLowerCase(java.util.Locale.ROOT));
        n.put("digest", digest);
        ArrayNode fs = n.putArray("factors");
        factors.forEach(fs::add);
        ArrayNode gs = n.putArray("groups");
        groups.forEach(gs::add);
        n.put("nonce", nonce);
        n.put("notes_sha256", notesSha256);
        n.put("policy_revision", policyRevision);
        n.put("request", requestId);
        n.put("reviewer", reviewer);
        n.put("time", time.toString());
        n.put("v", version);
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an approval statement", e);
        }
    }

    /** SHA-256 of {@link #canonicalJson()}'s UTF-8 bytes: the WebAuthn challenge of this review. */
    public byte[] challenge() {
        return Bytes.sha256(Bytes.utf8(canonicalJson()));
    }

    /** {@link #challenge()} in unpadded base64url, as it appears in WebAuthn's {@code clientDataJSON}. */
    public String challengeBase64Url() {
        return Bytes.b64(challenge());
    }

    /**
     * Reads a statement that must be exactly in canonical form.
     *
     * @throws IllegalArgumentException saying what is wrong: not JSON, unknown version, missing or extra keys, or
     *     bytes that are not the canonical encoding of what they say
     */
    public static ApprovalStatement parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("approval statement is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("approval statement is not a JSON object");
        }
        if (n.path("v").asInt(-1) != VERSION) {
            throw new IllegalArgumentException(
                    "approval statement version " + n.path("v") + " is not supported; this host reads " + VERSION);
        }
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        if (!keys.equals(KEYS)) {
            throw new IllegalArgumentException("approval statement keys " + keys + " are not " + KEYS);
        }
        ApprovalStatement s;
        try {
            s = new ApprovalStatement(
                    VERSION,
                    text(n, "request"),
                    text(n, "digest"),
                    decision(text(n, "decision")),
                    text(n, "notes_sha256"),
                    strings(n, "factors"),
                    text(n, "policy_revision"),
                    text(n, "reviewer"),
                    strings(n, "groups"),
                    text(n, "nonce"),
                    Instant.parse(text(n, "time")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("approval statement time is not ISO-8601: " + e.getParsedString());
        }
        if (!s.canonicalJson().equals(json)) {
            throw new IllegalArgumentException(
                    "approval statement is not in canonical form (key order, spacing, sorted sets, time in ms)");
        }
        return s;
    }

    private static Verdict decision(String wire) {
        return switch (wire) {
            case "approve" -> Verdict.APPROVE;
            case "reject" -> Verdict.REJECT;
            default ->
                throw new IllegalArgumentException(
                        "approval statement decision '" + wire + "' is neither approve nor reject");
        };
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("approval statement '" + key + "' must be a string");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("approval statement '" + key + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("approval statement '" + key + "' must be a list of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
