package dev.maa.core.internal;

import dev.maa.api.Factor;
import dev.maa.api.Identities;
import dev.maa.api.Review;
import dev.maa.api.Verdict;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * N-of-M quorum over factors: a factor is met by {@code requiredApprovals} distinct approvers whose groups (as
 * recorded at review time) include one of the factor's groups. One approver counts for every factor it is in; two
 * spellings of one id ({@link Identities#key}) are one approver.
 */
public final class Quorum {

    private Quorum() {
    }

    public static boolean met(List<Factor> factors, List<Review> reviews) {
        for (Factor f : factors) {
            if (approvals(f, reviews) < f.requiredApprovals()) {
                return false;
            }
        }
        return true;
    }

    public static int approvals(Factor f, List<Review> reviews) {
        Set<String> approvers = new HashSet<>();
        for (Review r : reviews) {
            if (r.verdict() == Verdict.APPROVE && f.admits(r.reviewerGroups())) {
                approvers.add(Identities.key(r.reviewer()));
            }
        }
        return approvers.size();
    }

    /** "wipe 1/2, security 0/1" for messages. */
    public static String progress(List<Factor> factors, List<Review> reviews) {
        StringBuilder sb = new StringBuilder();
        for (Factor f : factors) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.policy()).append(' ')
                    .append(approvals(f, reviews)).append('/').append(f.requiredApprovals());
        }
        return sb.toString();
    }
}
