package dev.maa.core;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Review;
import dev.maa.core.internal.Quorum;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * How far a request is towards its quorum, factor by factor, counted exactly as the state machine counts it.
 *
 * <p>Why per factor: one approver in the groups of two factors counts for both, so "approvals given" summed over
 * the request says nothing about whether it is approved (two factors of one approval each, met by one approver,
 * would read 1/2). Every surface shows this record instead of counting reviews itself.
 *
 * @param factors one entry per factor of the request, in the request's order
 */
public record QuorumProgress(List<FactorProgress> factors) {

    /**
     * One factor.
     *
     * @param policy   the access policy that asked for it
     * @param given    distinct approvers (canonical ids) whose groups at review time admit this factor
     * @param required approvals the factor needs
     */
    public record FactorProgress(String policy, int given, int required) {

        /** Whether this factor has its approvals. */
        public boolean met() {
            return given >= required;
        }
    }

    public QuorumProgress {
        factors = List.copyOf(factors);
    }

    /** The progress of {@code r}'s factors over its reviews. */
    public static QuorumProgress of(ApprovalRequest r) {
        return of(r.factors(), r.reviews());
    }

    /** The progress of {@code factors} over {@code reviews}. */
    public static QuorumProgress of(List<Factor> factors, List<Review> reviews) {
        List<FactorProgress> out = new ArrayList<>();
        for (Factor f : factors) {
            out.add(new FactorProgress(f.policy(), Quorum.approvals(f, reviews), f.requiredApprovals()));
        }
        return new QuorumProgress(out);
    }

    /** Whether every factor is met (what turns a request APPROVED). */
    public boolean met() {
        return factors.stream().allMatch(FactorProgress::met);
    }

    /**
     * Approvals that count toward the quorum: per factor at most its requirement, summed; equals {@link #required}
     * exactly when {@link #met}.
     */
    public int given() {
        return factors.stream().mapToInt(f -> Math.min(f.given(), f.required())).sum();
    }

    /** Approvals needed, summed over the factors. */
    public int required() {
        return factors.stream().mapToInt(FactorProgress::required).sum();
    }

    /** "wipe 1/2, security 0/1", as audit entries and messages show it. */
    @Override
    public String toString() {
        StringJoiner sj = new StringJoiner(", ");
        factors.forEach(f -> sj.add(f.policy() + " " + f.given() + "/" + f.required()));
        return sj.toString();
    }
}
