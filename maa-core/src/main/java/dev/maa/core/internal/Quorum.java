package dev.maa.core.internal;

import dev.maa.api.Factor;
import dev.maa.api.Identities;
import dev.maa.api.Review;
import dev.maa.api.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * N-of-M quorum over factors: a factor is met by {@code requiredApprovals} distinct approvers whose groups (as
 * recorded at review time) include one of the factor's groups. One approver counts for every factor it is in; two
 * spellings of one id ({@link Identities#key}) are one approver.
 */
public final class Quorum {

    private Quorum() {}

    public static boolean met(List<Factor> factors, List<Review> reviews) {
        for (Factor f : factors) {
            if (approvals(f, reviews) < f.requiredApprovals()) {
                return false;
            }
        }
        return true;
    }

    public static int approvals(Factor f, List<Review> reviews) {
        return approvers(f, reviews, r -> true).size();
    }

    /** The distinct approvers ({@link Identities#key}) whose groups admit {@code f} and whose review {@code counts}. */
    private static Set<String> approvers(Factor f, List<Review> reviews, Predicate<Review> counts) {
        Set<String> approvers = new HashSet<>();
        for (Review r : reviews) {
            if (r.verdict() == Verdict.APPROVE && f.admits(r.reviewerGroups()) && counts.test(r)) {
                approvers.add(Identities.key(r.reviewer()));
            }
        }
        return approvers;
    }

    /**
     * What is missing for {@code factors} to be met by {@code reviews} counted strictly, or {@code null} if met: only
     * approvals bound to {@code digest}, by reviewers other than {@code requesterId}, each reviewer once per factor,
     * counted for a factor only if their groups at review time admit it. The executor re-derives the quorum with this
     * before a call runs, whatever status the store holds.
     */
    public static String unmet(List<Factor> factors, List<Review> reviews, String requesterId, String digest) {
        return unmet(factors, reviews, requesterId, digest, r -> true);
    }

    /**
     * As {@link #unmet(List, List, String, String)}, counting toward a factor that {@link Factor#needsSignature()}
     * only the approvals that are {@code signed} (their passkey signature verified by the host).
     */
    public static String unmet(
            List<Factor> factors, List<Review> reviews, String requesterId, String digest, Predicate<Review> signed) {
        if (factors.isEmpty()) {
            return "the request names no approval factor";
        }
        for (Factor f : factors) {
            Set<String> approvers = approvers(
                    f,
                    reviews,
                    r -> r.digest().equals(digest)
                            && !sameIdentity(r.reviewer(), requesterId)
                            && (!f.needsSignature() || signed.test(r)));
            if (approvers.size() < f.requiredApprovals()) {
                return "factor '" + f.policy() + "' has " + approvers.size() + " of " + f.requiredApprovals()
                        + " eligible " + (f.needsSignature() ? "passkey-signed " : "") + "approvals of digest "
                        + digest;
            }
        }
        return null;
    }

    /** Whether two principal ids name the same identity: their canonical forms ({@link Identities#same}). */
    static boolean sameIdentity(String a, String b) {
        return Identities.same(a, b);
    }
}
