package dev.maa.core.signing;

import dev.maa.api.Identities;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The approver keys a host trusts, computed in the host from its anchors and the signed key records the store holds.
 *
 * <p>Why computed here and never read as a flag: a row that says "trusted" can be written by anyone with database
 * access. A key is trusted only if an enrollment record naming it carries a valid signature of one of the host's
 * anchors, and no anchor-signed revocation names it (a revoked key id stays revoked, even if enrolled again).
 * Records that do not verify are ignored and listed in {@link #problems()}.
 */
public final class TrustedKeys {

    /** A trusted approver key, with the anchor-signed record that enrolled it. */
    public record TrustedKey(
            String keyId, String reviewer, KeyAlgorithm algorithm, PublicKey publicKey, SignedKeyRecord enrollment) {}

    private final Map<String, TrustedKey> trusted;
    private final Set<String> revoked;
    private final List<String> problems;

    private TrustedKeys(Map<String, TrustedKey> trusted, Set<String> revoked, List<String> problems) {
        this.trusted = Map.copyOf(trusted);
        this.revoked = Set.copyOf(revoked);
        this.problems = List.copyOf(problems);
    }

    /** The keys {@code records} enroll under a signature of one of {@code anchors}, less those they revoke. */
    public static TrustedKeys compute(Anchors anchors, List<SignedKeyRecord> records) {
        return compute(records, r -> anchorProblem(anchors, r), Set.of());
    }

    /**
     * As {@link #compute(Anchors, List)}, with {@code anchorProblem} saying why a record is not anchor-signed, and the
     * keys in {@code alsoRevoked} revoked whatever the records say.
     */
    static TrustedKeys compute(
            List<SignedKeyRecord> records, Function<SignedKeyRecord, String> anchorProblem, Set<String> alsoRevoked) {
        Map<String, TrustedKey> enrolled = new HashMap<>();
        Set<String> revoked = new HashSet<>(alsoRevoked);
        List<String> problems = new ArrayList<>();
        for (SignedKeyRecord sr : records) {
            KeyRecord r;
            try {
                r = KeyRecord.parse(sr.record());
            } catch (IllegalArgumentException e) {
                problems.add("ignored a key record: " + e.getMessage());
                continue;
            }
            String problem = anchorProblem.apply(sr);
            if (problem != null) {
                problems.add("ignored the " + r.type().name().toLowerCase(java.util.Locale.ROOT) + " of key "
                        + r.keyId() + " (" + r.reviewer() + "): " + problem);
                continue;
            }
            if (r.type() == KeyRecord.Type.REVOKE) {
                revoked.add(r.keyId());
            } else {
                TrustedKey k = new TrustedKey(
                        r.keyId(),
                        r.reviewer(),
                        r.algorithm(),
                        r.algorithm().publicKey(Bytes.unb64(r.publicKey(), "the public key")),
                        sr);
                TrustedKey earlier = enrolled.putIfAbsent(r.keyId(), k);
                if (earlier != null && !earlier.reviewer().equals(k.reviewer())) {
                    revoked.add(r.keyId()); // one key id enrolled for two people: trust it for neither
                    problems.add("key " + r.keyId() + " is enrolled for both " + earlier.reviewer() + " and "
                            + k.reviewer() + ": trusted for neither");
                }
            }
        }
        enrolled.keySet().removeAll(revoked);
        return new TrustedKeys(enrolled, revoked, problems);
    }

    /** Why {@code sr} is not signed by one of {@code anchors}, or {@code null} if it is. */
    static String anchorProblem(Anchors anchors, SignedKeyRecord sr) {
        Anchors.Anchor a = anchors.find(sr.signer()).orElse(null);
        if (a == null) {
            return "signed by '" + sr.signer() + "', which is not an anchor of this host";
        }
        byte[] sig;
        try {
            sig = Bytes.unb64(sr.signature(), "the signature");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return a.algorithm().verifies(a.key(), Bytes.utf8(sr.record()), sig)
                ? null
                : "the signature of anchor '" + sr.signer() + "' does not verify";
    }

    /**
     * Why key {@code keyId} may not sign for {@code reviewer}, or {@code null} if it is trusted for them.
     */
    public String untrusted(String keyId, String reviewer) {
        if (revoked.contains(keyId)) {
            return "key " + keyId + " is revoked";
        }
        TrustedKey k = trusted.get(keyId);
        if (k == null) {
            return "key " + keyId + " has no enrollment signed by an anchor of this host";
        }
        if (!Identities.same(k.reviewer(), reviewer)) {
            return "key " + keyId + " is enrolled for " + k.reviewer() + ", not for " + reviewer;
        }
        return null;
    }

    public TrustedKey get(String keyId) {
        return trusted.get(keyId);
    }

    public List<TrustedKey> all() {
        return List.copyOf(trusted.values());
    }

    public boolean isRevoked(String keyId) {
        return revoked.contains(keyId);
    }

    /** The key ids revoked. */
    public Set<String> revoked() {
        return revoked;
    }

    /** Records that were ignored, and why. */
    public List<String> problems() {
        return problems;
    }
}
