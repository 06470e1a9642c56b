package dev.maa.core.internal;

import dev.maa.api.Factor;
import dev.maa.api.Identities;
import dev.maa.api.Review;
import dev.maa.api.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * N-of-M quorum over factors: a factor is met by {@code requiredApprovals} distinct approvers whose groups (as
 * recorded at review time) include one of the factor's groups. One approver counts for every factor it is in; two
 * spellings of one id ({@link Identities#key}) are one approver.
 *
 * <p>Stages ({@link Factor#stage()}): reviews are replayed in their order, and an approval counts only toward the
 * factors of the stage that was open when it was given (the lowest stage with an unmet factor), so an approver of
 * stage 2 cannot help before stage 1 is met and one approval never meets two stages. Without stages every factor is
 * stage 1 and this is the plain count above.
 */
public final class Quorum {

    /** What {@link #currentStage} answers when every factor is met. */
    public static final int ALL_MET = Integer.MAX_VALUE;

    private Quorum() {}

    public static boolean met(List<Factor> factors, List<Review> reviews) {
        return currentStage(factors, reviews) == ALL_MET;
    }

    /** How many distinct approvals count toward {@code factors.get(i)}, for each {@code i}. */
    public static int[] approvals(List<Factor> factors, List<Review> reviews) {
        List<Set<String>> counted = counted(factors, reviews, (f, r) -> true);
        return counted.stream().mapToInt(Set::size).toArray();
    }

    /** The approvals of a single-factor list (tests, and callers that know there is one stage). */
    public static int approvals(Factor f, List<Review> reviews) {
        return approvals(List.of(f), reviews)[0];
    }

    /** The open stage: the lowest stage with an unmet factor, or {@link #ALL_MET}. */
    public static int currentStage(List<Factor> factors, List<Review> reviews) {
        return stageOf(factors, counted(factors, reviews, (f, r) -> true));
    }

    /**
     * When the open stage opened: the time of the review that met the stage before it, {@code createdAt} for stage 1
     * (and once every stage is met, when the last was). Replayed like the count, so a withdrawal that closes a stage
     * again moves its opening to the approval that meets the stage before anew.
     */
    public static Instant stageOpenedAt(List<Factor> factors, List<Review> reviews, Instant createdAt) {
        Instant[] opened = {createdAt};
        counted(factors, reviews, (f, r) -> true, (open, r) -> opened[0] = r.at());
        return opened[0];
    }

    /** The number of stages of {@code factors} (1 without stages, 0 without factors). */
    public static int stages(List<Factor> factors) {
        return factors.stream().mapToInt(Factor::stage).max().orElse(0);
    }

    /**
     * The distinct approvers ({@link Identities#key}) counted toward each factor: reviews replayed in order, each
     * approval that {@code counts} for a factor of the stage open at that moment and whose groups admit it.
     */
    private static List<Set<String>> counted(
            List<Factor> factors, List<Review> reviews, BiPredicate<Factor, Review> counts) {
        return counted(factors, reviews, counts, (open, r) -> {});
    }

    /** As above, telling {@code opened} of each review that opened another stage (the new stage, the review). */
    private static List<Set<String>> counted(
            List<Factor> factors,
            List<Review> reviews,
            BiPredicate<Factor, Review> counts,
            BiConsumer<Integer, Review> opened) {
        List<Set<String>> out = new ArrayList<>();
        factors.forEach(f -> out.add(new HashSet<>()));
        for (Review r : reviews) {
            int open = stageOf(factors, out);
            if (r.verdict() != Verdict.APPROVE || open == ALL_MET) {
                continue;
            }
            for (int i = 0; i < factors.size(); i++) {
                Factor f = factors.get(i);
                if (f.stage() == open && f.admits(r.reviewerGroups()) && counts.test(f, r)) {
                    out.get(i).add(Identities.key(r.reviewer()));
                }
            }
            int now = stageOf(factors, out);
            if (now != open) {
                opened.accept(now, r);
            }
        }
        return out;
    }

    private static int stageOf(List<Factor> factors, List<Set<String>> counted) {
        int open = ALL_MET;
        for (int i = 0; i < factors.size(); i++) {
            if (counted.get(i).size() < factors.get(i).requiredApprovals()) {
                open = Math.min(open, factors.get(i).stage());
            }
        }
        return open;
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
        List<Set<String>> counted = counted(
                factors,
                reviews,
                (f, r) -> r.digest().equals(digest)
                        && !sameIdentity(r.reviewer(), requesterId)
                        && (!f.needsSignature() || signed.test(r)));
        for (int i = 0; i < factors.size(); i++) {
            Factor f = factors.get(i);
            Set<String> approvers = counted.get(i);
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
