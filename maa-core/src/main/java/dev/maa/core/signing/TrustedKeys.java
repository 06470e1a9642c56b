package dev.maa.core.signing;

import dev.maa.api.Identities;
import dev.maa.api.Verdict;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The approver keys a host trusts, computed in the host from its anchors and the signed key records the store holds.
 *
 * <p>Why computed here and never read as a flag: a row that says "trusted" can be written by anyone with database
 * access. A key is trusted only if an enrollment record naming it carries a valid signature of one of the host's
 * anchors, or carries the passkey-signed approvals of a {@link KeyEnrollment} request ({@link EnrollmentApprovals})
 * by at least {@link ApprovalRule#approvals()} distinct reviewers other than the key's owner and the requester, each
 * signing with a key that is itself trusted, over a statement naming exactly that key change's digest. Trust through
 * approvals is the least fixed point from the anchor-enrolled keys (so a cycle of keys vouching for each other
 * trusts none of them), at most {@link #MAX_DEPTH} enrollments away from an anchor. A revoked key id stays revoked,
 * even if enrolled again, and its approvals stop counting at once: keys that needed them are no longer trusted.
 * Records that do not verify are ignored and listed in {@link #problems()}.
 */
public final class TrustedKeys {

    /** How many enrollments through approvals a trusted key may be away from an anchor. */
    public static final int MAX_DEPTH = 8;

    /**
     * How approvals make a key trusted: how many distinct reviewers, and the WebAuthn relying party and origins of
     * their assertions ({@code null}: not checked, for an offline check that was not told them).
     */
    public record ApprovalRule(int approvals, String rpId, Set<String> origins) {

        /**
         * Two, the least that keeps the two-person rule: with one, a single stolen passkey could enroll a second key
         * for an accomplice's account and then meet any quorum of two alone.
         */
        public static final int DEFAULT_APPROVALS = 2;

        public ApprovalRule {
            if (approvals < DEFAULT_APPROVALS) {
                throw new IllegalArgumentException("approvals.enrollment_approvals is " + approvals
                        + ": a key needs the" + " approvals of at least " + DEFAULT_APPROVALS
                        + " other admins' trusted keys (docs/security.md)");
            }
            origins = origins == null ? null : Set.copyOf(origins);
        }

        /** The default rule without relying party or origins (offline verification). */
        public static ApprovalRule offline() {
            return new ApprovalRule(DEFAULT_APPROVALS, null, null);
        }
    }

    /**
     * A trusted approver key, with the record that enrolled it.
     *
     * @param approvers who approved its enrollment (canonical ids), empty if an anchor signed it
     */
    public record TrustedKey(
            String keyId,
            String reviewer,
            KeyAlgorithm algorithm,
            PublicKey publicKey,
            SignedKeyRecord enrollment,
            List<String> approvers) {

        public TrustedKey {
            approvers = List.copyOf(approvers);
        }

        /** How the key is trusted: {@code anchor NAME} or {@code approvals of A, B (request ID)}. */
        public String trustedBy() {
            if (approvers.isEmpty()) {
                return "anchor " + enrollment.signer();
            }
            return "approvals of " + String.join(", ", approvers) + " (request "
                    + EnrollmentApprovals.parse(enrollment.signature()).requestId() + ")";
        }
    }

    /** A parsed record trusted through approvals. */
    private record Approved(KeyRecord record, SignedKeyRecord stored, EnrollmentApprovals evidence) {}

    private final Map<String, TrustedKey> trusted;
    private final Set<String> revoked;
    private final Map<String, String> suspended;
    private final Map<String, List<SignatureCounters.Use>> uses;
    private final List<String> problems;

    private TrustedKeys(
            Map<String, TrustedKey> trusted,
            Set<String> revoked,
            Map<String, String> suspended,
            Map<String, List<SignatureCounters.Use>> uses,
            List<String> problems) {
        this.trusted = Map.copyOf(trusted);
        this.revoked = Set.copyOf(revoked);
        this.suspended = Map.copyOf(suspended);
        this.uses = Map.copyOf(uses);
        this.problems = List.copyOf(problems);
    }

    /** The keys {@code records} enroll under {@code anchors} or by approvals (the default rule), less revoked ones. */
    public static TrustedKeys compute(Anchors anchors, List<SignedKeyRecord> records) {
        return compute(anchors, records, ApprovalRule.offline());
    }

    /** As {@link #compute(Anchors, List)} under {@code rule}. */
    public static TrustedKeys compute(Anchors anchors, List<SignedKeyRecord> records, ApprovalRule rule) {
        return compute(
                records,
                r -> anchorProblem(anchors, r),
                Set.of(),
                Map.of(),
                rule,
                ApprovalSigning.SignatureVerifier.PLAIN);
    }

    /**
     * As {@link #compute(Anchors, List, ApprovalRule)}, with {@code anchorProblem} saying why a record is not
     * anchor-signed, the keys in {@code alsoRevoked} revoked and those in {@code alsoSuspended} stopped (key id to
     * reason) whatever the records say, and {@code verifier} checking the approvals' signatures.
     */
    static TrustedKeys compute(
            List<SignedKeyRecord> records,
            Function<SignedKeyRecord, String> anchorProblem,
            Set<String> alsoRevoked,
            Map<String, String> alsoSuspended,
            ApprovalRule rule,
            ApprovalSigning.SignatureVerifier verifier) {
        Map<String, TrustedKey> anchored = new HashMap<>();
        Set<String> revoked = new HashSet<>(alsoRevoked);
        List<String> problems = new ArrayList<>();
        List<Approved> enrollments = new ArrayList<>();
        List<Approved> revocations = new ArrayList<>();
        List<SignedReview> conflictClaims = new ArrayList<>();
        Deque<SignedKeyRecord> todo = new ArrayDeque<>(records);
        Set<SignedKeyRecord> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            SignedKeyRecord sr = todo.poll();
            if (!seen.add(sr)) {
                continue;
            }
            KeyRecord r;
            try {
                r = KeyRecord.parse(sr.record());
            } catch (IllegalArgumentException e) {
                problems.add("ignored a key record: " + e.getMessage());
                continue;
            }
            if (SignatureCounters.carries(sr)) {
                try {
                    conflictClaims.addAll(SignatureCounters.reviewsOf(sr));
                } catch (IllegalArgumentException e) {
                    problems.add(ignored(r) + e.getMessage());
                }
                continue;
            }
            if (EnrollmentApprovals.carries(sr)) {
                try {
                    EnrollmentApprovals evidence = EnrollmentApprovals.parse(sr.signature());
                    // the approving keys' own enrollments travel with the approvals: an export verifies alone
                    evidence.reviews().stream()
                            .filter(v -> v.enrollment() != null)
                            .forEach(v -> todo.add(v.enrollment()));
                    (r.type() == KeyRecord.Type.ENROLL ? enrollments : revocations).add(new Approved(r, sr, evidence));
                } catch (IllegalArgumentException e) {
                    problems.add(ignored(r) + e.getMessage());
                }
                continue;
            }
            String problem = anchorProblem.apply(sr);
            if (problem != null) {
                problems.add(ignored(r) + problem);
            } else if (r.type() == KeyRecord.Type.REVOKE) {
                revoked.add(r.keyId());
            } else {
                TrustedKey k = new TrustedKey(r.keyId(), r.reviewer(), r.algorithm(), publicKey(r), sr, List.of());
                TrustedKey earlier = anchored.putIfAbsent(r.keyId(), k);
                if (earlier != null && !earlier.reviewer().equals(k.reviewer())) {
                    revoked.add(r.keyId()); // one key id enrolled for two people: trust it for neither
                    problems.add(twice(r.keyId(), earlier.reviewer(), k.reviewer()));
                }
            }
        }
        Map<String, String> suspended = new LinkedHashMap<>(alsoSuspended);
        Map<String, TrustedKey> trusted =
                closure(anchored, enrollments, revoked, suspended.keySet(), rule, verifier, problems);
        int before = revoked.size();
        for (Approved a : revocations) {
            String problem = approvalProblem(a, trusted, rule, verifier);
            if (problem == null) {
                revoked.add(a.record().keyId());
            } else {
                problems.add(ignored(a.record()) + problem);
            }
        }
        List<SignedReview> signed = new ArrayList<>(conflictClaims);
        enrollments.forEach(a -> signed.addAll(a.evidence().reviews()));
        revocations.forEach(a -> signed.addAll(a.evidence().reviews()));
        Map<String, List<SignatureCounters.Use>> uses = verifiedUses(signed, trusted, verifier);
        uses.forEach((keyId, list) -> {
            SignatureCounters.Conflict c = SignatureCounters.conflict(list);
            if (c != null) {
                suspended.putIfAbsent(keyId, c.reason());
            }
        });
        if (revoked.size() > before || suspended.size() > alsoSuspended.size()) {
            trusted = closure(anchored, enrollments, revoked, suspended.keySet(), rule, verifier, new ArrayList<>());
        }
        List<String> untrusted = new ArrayList<>();
        for (Approved a : enrollments) {
            String keyId = a.record().keyId();
            if (!trusted.containsKey(keyId) && !revoked.contains(keyId) && !suspended.containsKey(keyId)) {
                String problem = approvalProblem(a, trusted, rule, verifier);
                untrusted.add(ignored(a.record())
                        + (problem != null
                                ? problem
                                : "it is more than " + MAX_DEPTH
                                        + " enrollments through approvals away from an anchor"));
            }
        }
        problems.addAll(new LinkedHashSet<>(untrusted));
        return new TrustedKeys(trusted, revoked, suspended, uses, problems);
    }

    /**
     * The uses in {@code signed} of each key in {@code trusted} whose assertion verifies under that key (a review a
     * database writer made up under a key's id is no use of it).
     */
    private static Map<String, List<SignatureCounters.Use>> verifiedUses(
            List<SignedReview> signed, Map<String, TrustedKey> trusted, ApprovalSigning.SignatureVerifier verifier) {
        List<SignatureCounters.Use> verified = new ArrayList<>();
        for (SignedReview review : signed) {
            TrustedKey key = trusted.get(review.keyId());
            if (key != null && ApprovalSigning.assertionProblem(review, key, null, null, verifier) == null) {
                verified.add(SignatureCounters.Use.of(review));
            }
        }
        verified.removeIf(java.util.Objects::isNull);
        return SignatureCounters.byKey(verified);
    }

    /**
     * The anchored keys and every key whose approvals verify under keys trusted before it, round by round, at most
     * {@link #MAX_DEPTH} rounds. A key id found enrolled for two people is revoked (added to {@code revoked}) and the
     * closure starts again without it.
     */
    private static Map<String, TrustedKey> closure(
            Map<String, TrustedKey> anchored,
            List<Approved> enrollments,
            Set<String> revoked,
            Set<String> suspended,
            ApprovalRule rule,
            ApprovalSigning.SignatureVerifier verifier,
            List<String> problems) {
        restart:
        while (true) {
            Map<String, TrustedKey> trusted = new HashMap<>(anchored);
            trusted.keySet().removeAll(revoked);
            trusted.keySet().removeAll(suspended);
            for (int depth = 1; depth <= MAX_DEPTH; depth++) {
                Map<String, TrustedKey> added = new LinkedHashMap<>();
                for (Approved a : enrollments) {
                    KeyRecord r = a.record();
                    if (revoked.contains(r.keyId())
                            || suspended.contains(r.keyId())
                            || trusted.containsKey(r.keyId()) && sameOwner(trusted, r)) {
                        continue;
                    }
                    List<String> approvers = new ArrayList<>();
                    if (approvalProblem(a, trusted, rule, verifier, approvers) != null) {
                        continue;
                    }
                    TrustedKey earlier = trusted.containsKey(r.keyId()) ? trusted.get(r.keyId()) : added.get(r.keyId());
                    if (earlier != null && !earlier.reviewer().equals(r.reviewer())) {
                        revoked.add(r.keyId());
                        problems.add(twice(r.keyId(), earlier.reviewer(), r.reviewer()));
                        continue restart;
                    }
                    added.putIfAbsent(
                            r.keyId(),
                            new TrustedKey(
                                    r.keyId(), r.reviewer(), r.algorithm(), publicKey(r), a.stored(), approvers));
                }
                if (added.isEmpty()) {
                    break;
                }
                trusted.putAll(added);
            }
            return trusted;
        }
    }

    private static boolean sameOwner(Map<String, TrustedKey> trusted, KeyRecord r) {
        return trusted.get(r.keyId()).reviewer().equals(r.reviewer());
    }

    private static String approvalProblem(
            Approved a, Map<String, TrustedKey> trusted, ApprovalRule rule, ApprovalSigning.SignatureVerifier v) {
        return approvalProblem(a, trusted, rule, v, new ArrayList<>());
    }

    /**
     * Why the approvals of {@code a} do not make its key change count under the keys {@code trusted} now, or
     * {@code null} if they do; the reviewers counted are added to {@code counted}.
     */
    private static String approvalProblem(
            Approved a,
            Map<String, TrustedKey> trusted,
            ApprovalRule rule,
            ApprovalSigning.SignatureVerifier verifier,
            List<String> counted) {
        String digest = a.evidence().digestOf(a.record());
        Set<String> reviewers = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        for (SignedReview review : a.evidence().reviews()) {
            String problem = reviewProblem(a, review, digest, trusted, rule, verifier);
            if (problem == null) {
                reviewers.add(Identities.canonical(
                        ApprovalStatement.parse(review.statement()).reviewer()));
            } else {
                refused.add(problem);
            }
        }
        counted.addAll(reviewers);
        if (reviewers.size() >= rule.approvals()) {
            return null;
        }
        return "its approvals count " + reviewers.size() + " of the " + rule.approvals() + " it needs"
                + (reviewers.isEmpty() ? "" : " (by " + String.join(", ", reviewers) + ")")
                + (refused.isEmpty() ? "" : ": " + String.join("; ", refused));
    }

    private static String reviewProblem(
            Approved a,
            SignedReview review,
            String digest,
            Map<String, TrustedKey> trusted,
            ApprovalRule rule,
            ApprovalSigning.SignatureVerifier verifier) {
        ApprovalStatement s;
        try {
            s = ApprovalStatement.parse(review.statement());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String who = "the approval by " + s.reviewer() + " ";
        if (s.decision() != Verdict.APPROVE) {
            return who + "is a rejection";
        }
        if (!s.requestId().equals(a.evidence().requestId()) || !s.digest().equals(digest)) {
            return who + "names request " + s.requestId() + " and digest " + s.digest() + ", not this key change's ("
                    + a.evidence().requestId() + ", " + digest + ")";
        }
        if (Identities.same(s.reviewer(), a.record().reviewer())) {
            return who + "is by the key's owner";
        }
        if (Identities.same(s.reviewer(), a.evidence().requester())) {
            return who + "is by the requester";
        }
        TrustedKey key = trusted.get(review.keyId());
        if (key == null) {
            return who + "is signed with key " + review.keyId() + ", which is not trusted";
        }
        if (!Identities.same(key.reviewer(), s.reviewer())) {
            return who + "is signed with key " + review.keyId() + " of " + key.reviewer();
        }
        String assertion = ApprovalSigning.assertionProblem(review, key, rule.rpId(), rule.origins(), verifier);
        return assertion == null ? null : who + assertion;
    }

    private static PublicKey publicKey(KeyRecord r) {
        return r.algorithm().publicKey(Bytes.unb64(r.publicKey(), "the public key"));
    }

    private static String ignored(KeyRecord r) {
        return "ignored the " + r.type().name().toLowerCase(Locale.ROOT) + " of key " + r.keyId() + " (" + r.reviewer()
                + "): ";
    }

    private static String twice(String keyId, String one, String other) {
        return "key " + keyId + " is enrolled for both " + one + " and " + other + ": trusted for neither";
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
        if (suspended.containsKey(keyId)) {
            return suspended.get(keyId);
        }
        TrustedKey k = trusted.get(keyId);
        if (k == null) {
            return "key " + keyId + " has no enrollment signed by an anchor of this host or approved by trusted keys";
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

    /**
     * The keys that stopped counting because their signed statements' counters conflict (a cloned authenticator), each
     * with the reason; they stay out of {@link #all()} as revoked keys do.
     */
    public Map<String, String> suspended() {
        return suspended;
    }

    /** The uses of key {@code keyId} in the records' signed approvals, each verified under the key. */
    List<SignatureCounters.Use> usesOf(String keyId) {
        return uses.getOrDefault(keyId, List.of());
    }

    /** Records that were ignored, and why. */
    public List<String> problems() {
        return problems;
    }
}
