package dev.maa.core.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Identities;
import dev.maa.api.Review;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a host verifies passkey-signed reviews: its anchors, the store of key records and counters, the WebAuthn
 * relying-party id and the origins the console is served from.
 *
 * <p>Why the host repeats the server's checks: the server verifies each assertion before recording it, but a server
 * that was tampered with, or a database writer, could record anything. So before a call of a
 * {@code approval_assurance: passkey} policy runs, the host re-checks every counted review here from the stored bytes
 * alone: a key trusted by an anchor and not revoked, enrolled for that reviewer; a statement naming this request, this
 * digest, this decision and the reviewer's sealed groups and notes; the WebAuthn client data (type, challenge =
 * SHA-256 of the statement, origin) and authenticator data (relying-party id hash, user present and verified, a
 * counter that did not go backwards, by the store's record and by the key's other signed statements the host knows,
 * {@link SignatureCounters}); and the signature.
 */
public final class ApprovalSigning {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Anchors anchors;
    private final ApproverKeyStore keys;
    private final String rpId;
    private final Set<String> origins;
    private final TrustedKeys.ApprovalRule rule;
    /** Records whose anchor signature verified: a record is an immutable value, so it need not be verified again. */
    private final Map<SignedKeyRecord, Boolean> verifiedRecords = new ConcurrentHashMap<>();
    /**
     * Keys this host has seen revoked: they stay revoked here even if the revocation row is deleted later (a database
     * writer cannot un-revoke a key in a running host).
     */
    private final Set<String> seenRevoked = ConcurrentHashMap.newKeySet();
    /**
     * Keys this host has seen stop counting for a counter conflict (key id to reason): as revoked keys, they stay so
     * here even if the stored proof is deleted.
     */
    private final Map<String, String> seenSuspended = new ConcurrentHashMap<>();
    /** The signed uses of each key this host verified, to compare their counters with later ones. */
    private final SignatureCounters counters = new SignatureCounters();
    /** Assertion signatures this JVM verified: completion re-checks their hash only (see VerifiedSignatures). */
    private final VerifiedSignatures verifiedSignatures = new VerifiedSignatures(VerifiedSignatures.DEFAULT_CAPACITY);
    /** The trust last computed; read again from the store at every call, recomputed when anything differs. */
    private volatile Computed lastComputed;

    /**
     * @param anchors the host's anchors (its configuration, never the store)
     * @param keys    the store's key records and counters
     * @param rpId    the WebAuthn relying-party id the console registers passkeys for (e.g. {@code maa.example.com})
     * @param origins the console's origins (e.g. {@code https://maa.example.com}); an assertion from any other is
     *     refused
     */
    public ApprovalSigning(Anchors anchors, ApproverKeyStore keys, String rpId, Set<String> origins) {
        this(anchors, keys, rpId, origins, TrustedKeys.ApprovalRule.DEFAULT_APPROVALS);
    }

    /**
     * As {@link #ApprovalSigning(Anchors, ApproverKeyStore, String, Set)}, trusting a key enrolled through a
     * {@link KeyEnrollment} request once {@code enrollmentApprovals} (at least 2) other admins' trusted keys signed
     * their approval of it.
     */
    public ApprovalSigning(
            Anchors anchors, ApproverKeyStore keys, String rpId, Set<String> origins, int enrollmentApprovals) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.keys = Objects.requireNonNull(keys, "keys");
        if (rpId == null || rpId.isBlank()) {
            throw new IllegalArgumentException("approval signing needs the WebAuthn relying-party id (rp_id)");
        }
        if (origins == null || origins.isEmpty()) {
            throw new IllegalArgumentException("approval signing needs the console's origins (origins)");
        }
        this.rpId = rpId;
        this.origins = Set.copyOf(origins);
        this.rule = new TrustedKeys.ApprovalRule(enrollmentApprovals, rpId, this.origins);
    }

    /** How many other admins' trusted keys must approve a key enrolled through a request. */
    public int enrollmentApprovals() {
        return rule.approvals();
    }

    public Anchors anchors() {
        return anchors;
    }

    public ApproverKeyStore keys() {
        return keys;
    }

    public String rpId() {
        return rpId;
    }

    public Set<String> origins() {
        return origins;
    }

    /**
     * The keys trusted now: read from the store at each call, so a revocation takes effect at once, and a key once
     * seen revoked stays revoked in this host.
     */
    public TrustedKeys trustedKeys() {
        List<SignedKeyRecord> records = keys.records();
        Set<String> revokedHere = Set.copyOf(seenRevoked);
        Map<String, String> suspendedHere = Map.copyOf(seenSuspended);
        Computed last = lastComputed;
        if (last != null
                && last.records().equals(records)
                && last.seenRevoked().equals(revokedHere)
                && last.seenSuspended().equals(suspendedHere)) {
            return last.trusted(); // the same inputs give the same trust: only the records' parsing is saved
        }
        TrustedKeys t = compute(records, revokedHere, suspendedHere);
        seenRevoked.addAll(t.revoked());
        seenSuspended.putAll(t.suspended());
        lastComputed = new Computed(List.copyOf(records), Set.copyOf(seenRevoked), Map.copyOf(seenSuspended), t);
        return t;
    }

    /**
     * Why {@code record} would not take effect if stored now (an enrollment whose key would not be trusted, a
     * revocation that would not revoke), or {@code null} if it would.
     */
    public String wouldNotCount(SignedKeyRecord record) {
        KeyRecord r = KeyRecord.parse(record.record());
        List<SignedKeyRecord> records = new java.util.ArrayList<>(keys.records());
        records.add(record);
        TrustedKeys t = compute(records, Set.copyOf(seenRevoked), Map.copyOf(seenSuspended));
        boolean counts = r.type() == KeyRecord.Type.REVOKE
                ? t.isRevoked(r.keyId())
                : t.untrusted(r.keyId(), r.reviewer()) == null;
        if (counts) {
            return null;
        }
        String prefix = "the " + r.type().name().toLowerCase(java.util.Locale.ROOT) + " of key " + r.keyId();
        return t.problems().stream()
                .filter(p -> p.contains(prefix))
                .findFirst()
                .orElseGet(() -> r.type() == KeyRecord.Type.REVOKE
                        ? "the revocation does not verify"
                        : t.untrusted(r.keyId(), r.reviewer()));
    }

    private TrustedKeys compute(
            List<SignedKeyRecord> records, Set<String> revokedHere, Map<String, String> suspendedHere) {
        return TrustedKeys.compute(
                records,
                r -> {
                    if (verifiedRecords.containsKey(r)) {
                        return null;
                    }
                    String problem = TrustedKeys.anchorProblem(anchors, r);
                    if (problem == null) {
                        verifiedRecords.put(r, Boolean.TRUE);
                    }
                    return problem;
                },
                revokedHere,
                suspendedHere,
                rule,
                verifiedSignatures::verifies);
    }

    /** The trust last computed, and from what (a pure function of the records and the keys seen revoked). */
    private record Computed(
            List<SignedKeyRecord> records,
            Set<String> seenRevoked,
            Map<String, String> seenSuspended,
            TrustedKeys trusted) {}

    /**
     * Why {@code signed} does not prove {@code sealed} (an approval or rejection sealed in {@code r}'s audit trail), or
     * {@code null} if it does. {@code trusted} is {@link #trustedKeys()}, taken once per completion.
     */
    public String problem(ApprovalRequest r, Review sealed, SignedReview signed, TrustedKeys trusted) {
        return problem(r, sealed, signed, trusted, keys.highestCounterBefore(signed.keyId(), r.id()));
    }

    String problem(
            ApprovalRequest r, Review sealed, SignedReview signed, TrustedKeys trusted, OptionalLong counterBefore) {
        String who = "the signed review by " + sealed.reviewer() + ": ";
        String statementProblem = statementProblem(r, sealed, signed.statement());
        if (statementProblem != null) {
            return who + statementProblem;
        }
        String untrusted = trusted.untrusted(signed.keyId(), sealed.reviewer());
        if (untrusted != null) {
            return who + untrusted;
        }
        String assertion =
                assertionProblem(signed, trusted.get(signed.keyId()), rpId, origins, verifiedSignatures::verifies);
        if (assertion != null) {
            return who + assertion;
        }
        long counter = signed.counter();
        if (counterBefore.isPresent()
                && (counter != 0 || counterBefore.getAsLong() != 0)
                && counter <= counterBefore.getAsLong()) {
            return who + "the signature counter of key " + signed.keyId() + " went from " + counterBefore.getAsLong()
                    + " to " + counter + " (not up): the authenticator may have been cloned";
        }
        String conflict = counterConflict(signed, trusted);
        return conflict == null ? null : who + conflict;
    }

    /**
     * Why {@code signed} (whose assertion verified) conflicts with its key's other signed uses (in the records'
     * approvals, and those this host verified), or {@code null}. A conflict makes the key stop counting: in this host
     * at once, and in every host through the proof stored with the key records.
     */
    private String counterConflict(SignedReview signed, TrustedKeys trusted) {
        SignatureCounters.Use use = SignatureCounters.Use.of(signed);
        SignatureCounters.Conflict c = counters.conflictWith(use, trusted.usesOf(signed.keyId()));
        if (c == null) {
            counters.remember(use);
            return null;
        }
        if (seenSuspended.putIfAbsent(c.keyId(), c.reason()) == null) {
            keys.add(SignatureCounters.evidence(
                    c, trusted.get(c.keyId()).reviewer(), c.later().time()));
        }
        return c.reason();
    }

    /** Why {@code statementText} is not the statement of {@code sealed} on {@code r}, or {@code null}. */
    public static String statementProblem(ApprovalRequest r, Review sealed, String statementText) {
        ApprovalStatement s;
        try {
            s = ApprovalStatement.parse(statementText);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!s.requestId().equals(r.id())) {
            return "its statement names request " + s.requestId() + ", not " + r.id();
        }
        if (!s.digest().equals(r.digest())) {
            return "its statement approves digest " + s.digest() + ", the request's is " + r.digest();
        }
        if (s.decision() != sealed.verdict()) {
            return "its statement says " + s.decision() + ", the review is " + sealed.verdict();
        }
        if (!Identities.same(s.reviewer(), sealed.reviewer())) {
            return "its statement names reviewer " + s.reviewer();
        }
        ApprovalStatement expected = ApprovalStatement.of(
                r, sealed.reviewer(), sealed.reviewerGroups(), sealed.verdict(), sealed.notes(), s.nonce(), s.time());
        if (!expected.equals(s)) {
            return "its statement (groups " + s.groups() + ", factors " + s.factors() + ", policy revision '"
                    + s.policyRevision() + "', notes hash) is not the sealed review's (groups " + expected.groups()
                    + ", factors " + expected.factors() + ", policy revision '" + expected.policyRevision() + "')";
        }
        return null;
    }

    /**
     * Why the WebAuthn assertion in {@code signed} is not valid for {@code key}, or {@code null}; {@code rpId} and
     * {@code origins} are not checked when {@code null} (an offline check that was not told them). {@code verifier}
     * checks the signature itself: {@link KeyAlgorithm#verifies} or this host's {@link VerifiedSignatures}.
     */
    static String assertionProblem(
            SignedReview signed,
            TrustedKeys.TrustedKey key,
            String rpId,
            Set<String> origins,
            SignatureVerifier verifier) {
        JsonNode client;
        try {
            client = JSON.readTree(signed.clientDataJson());
        } catch (IOException e) {
            return "its clientDataJSON is not JSON";
        }
        if (client == null || !"webauthn.get".equals(client.path("type").asText())) {
            return "its clientDataJSON is not an assertion (type webauthn.get)";
        }
        ApprovalStatement s;
        try {
            s = ApprovalStatement.parse(signed.statement());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!s.challengeBase64Url().equals(client.path("challenge").asText())) {
            return "the assertion's challenge is not the SHA-256 of its statement";
        }
        if (origins != null && !origins.contains(client.path("origin").asText())) {
            return "the assertion comes from origin '" + client.path("origin").asText() + "', not one of " + origins;
        }
        byte[] ad = signed.authenticatorData();
        if (ad.length < 37) {
            return "its authenticatorData is too short (" + ad.length + " bytes)";
        }
        if (rpId != null && !MessageDigest.isEqual(Arrays.copyOf(ad, 32), Bytes.sha256(Bytes.utf8(rpId)))) {
            return "the assertion is for another relying party than '" + rpId + "'";
        }
        if ((signed.flags() & SignedReview.USER_PRESENT) == 0 || (signed.flags() & SignedReview.USER_VERIFIED) == 0) {
            return "the authenticator did not verify the user (flags UP and UV must be set)";
        }
        byte[] clientHash = Bytes.sha256(signed.clientDataJson());
        byte[] data = Arrays.copyOf(ad, ad.length + clientHash.length);
        System.arraycopy(clientHash, 0, data, ad.length, clientHash.length);
        return verifier.verifies(key.algorithm(), key.publicKey(), data, signed.signature())
                ? null
                : "the signature does not verify under key " + key.keyId();
    }

    /** A check of one signature: {@link KeyAlgorithm#verifies}, or a memory of the ones already verified. */
    @FunctionalInterface
    interface SignatureVerifier {
        /** Plain verification, nothing remembered. */
        SignatureVerifier PLAIN = (algorithm, key, data, signature) -> algorithm.verifies(key, data, signature);

        boolean verifies(KeyAlgorithm algorithm, java.security.PublicKey key, byte[] data, byte[] signature);
    }
}
