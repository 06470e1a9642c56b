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
     * @param given    distinct approvers (canonical ids) whose groups at review time admit this factor, counted in
     *                 the stage that was open when they approved
     * @param required approvals the factor needs
     * @param stage    the factor's stage (1 without stages)
     */
    public record FactorProgress(String policy, int given, int required, int stage) {

        /** A factor of stage 1. */
        public FactorProgress(String policy, int given, int required) {
            this(policy, given, required, 1);
        }

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
        int[] given = Quorum.approvals(factors, reviews);
        for (int i = 0; i < factors.size(); i++) {
            Factor f = factors.get(i);
            out.add(new FactorProgress(f.policy(), given[i], f.requiredApprovals(), f.stage()));
        }
        return new QuorumProgress(out);
    }

    /** The stage that takes approvals now: the lowest with an unmet factor, or 0 when every factor is met. */
    public int currentStage() {
        return factors.stream()
                .filter(f -> !f.met())
                .mapToInt(FactorProgress::stage)
                .min()
                .orElse(0);
    }

    /** How many stages the request has (1 without stages). */
    public int stages() {
        return factors.stream().mapToInt(FactorProgress::stage).max().orElse(1);
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

    /** "wipe 1/2, security 0/1", as audit entries and messages show it; "(stage 1 of 2)" follows for stages. */
    @Override
    public String toString() {
        StringJoiner sj = new StringJoiner(", ");
        factors.forEach(f -> sj.add(f.policy() + " " + f.given() + "/" + f.required()));
        int stages = stages();
        return stages < 2 || met() ? sj.toString() : sj + " (stage " + currentStage() + " of " + stages + ")";
    }
}
