package dev.maa.core.internal;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Identities;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.MaaException;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.api.Principal;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.core.RequestAction;
import dev.maa.core.codec.ParkedCallCodec;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules each transition of {@link DefaultApprovalService} checks before it writes, each one method that throws
 * the refusal, and {@link #allowedActions} built from those same methods.
 *
 * <p>Why one place: the actions a surface offers (console buttons, REST {@code actions}, CLI hints) must be exactly
 * those the state machine accepts; a second copy of the rules drifts (it did: the server offered close-review by
 * different groups than the engine accepted).
 */
final class RequestGuards {

    private static final Set<Status> REVIEWABLE = Set.of(Status.NEEDS_APPROVAL);
    private static final Set<Status> CANCELABLE = Set.of(Status.NEEDS_APPROVAL, Status.APPROVED);

    private final EngineContext ctx;

    RequestGuards(EngineContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The guard of approve and reject (expiry aside): refuses unless {@code r} needs approval, {@code reviewer} is not
     * its requester, has not reviewed it, is a current approver the review policy admits, and the payload still has
     * its digest. Returns the reviewer as the directory sees them now.
     */
    Principal checkReview(ApprovalRequest r, Principal reviewer, String op) {
        requireStatus(r, op, REVIEWABLE);
        if (r.isRequester(reviewer.id())) {
            throw ReviewNotAllowedException.ownRequest(reviewer.id(), r.id());
        }
        if (r.reviews().stream().anyMatch(rv -> Identities.same(rv.reviewer(), reviewer.id()))) {
            throw ReviewNotAllowedException.alreadyReviewed(reviewer.id(), r.id());
        }
        Principal current = currentApprover(reviewer, r);
        String payloadDigest = ParkedCallCodec.digest(r.payload());
        if (!payloadDigest.equals(r.digest())) {
            throw PayloadIntegrityException.review(r.id(), op, r.digest(), payloadDigest);
        }
        return current;
    }

    /** The reviewer as the directory sees them now; refuses non-members and what the review policy refuses. */
    private Principal currentApprover(Principal reviewer, ApprovalRequest r) {
        String reviewerId = reviewer.id();
        Principal current =
                withTrustedGroups(ctx.directory().findFresh(reviewerId).orElse(null), reviewer);
        if (current == null || r.factors().stream().noneMatch(f -> f.admits(current.groups()))) {
            throw ReviewNotAllowedException.notAnApprover(reviewerId, r.id(), approverGroups(r));
        }
        int stage = Quorum.currentStage(r.factors(), r.reviews());
        if (r.factors().stream().noneMatch(f -> f.stage() == stage && f.admits(current.groups()))) {
            throw ReviewNotAllowedException.notInOpenStage(
                    reviewerId, r.id(), stage, Quorum.stages(r.factors()), approverGroups(r, stage));
        }
        boolean allowed;
        try {
            allowed = ctx.policyEngine().mayReview(current, r);
        } catch (PolicyUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PolicyUnavailableException("The review policy failed for request " + r.id() + ": " + e, e);
        }
        if (!allowed) {
            throw ReviewNotAllowedException.byPolicy(reviewerId, r.id());
        }
        return current;
    }

    /**
     * The directory's principal, with the groups the reviewer's own principal carries added when the engine trusts
     * them ({@link EngineContext#reviewerGroupsFromPrincipal}); as the directory says otherwise.
     */
    private Principal withTrustedGroups(Principal fromDirectory, Principal reviewer) {
        if (!ctx.reviewerGroupsFromPrincipal() || reviewer.groups().isEmpty()) {
            return fromDirectory;
        }
        Set<String> groups = new TreeSet<>(reviewer.groups());
        if (fromDirectory == null) {
            return new Principal(reviewer.id(), groups, reviewer.roles());
        }
        groups.addAll(fromDirectory.groups());
        return new Principal(fromDirectory.id(), groups, fromDirectory.roles());
    }

    private static List<String> approverGroups(ApprovalRequest r) {
        Set<String> all = new TreeSet<>();
        r.factors().forEach(f -> all.addAll(f.approverGroups()));
        return List.copyOf(all);
    }

    /** The approver groups of the factors of {@code stage}. */
    static List<String> approverGroups(ApprovalRequest r, int stage) {
        Set<String> all = new TreeSet<>();
        r.factors().stream().filter(f -> f.stage() == stage).forEach(f -> all.addAll(f.approverGroups()));
        return List.copyOf(all);
    }

    /**
     * The guard of withdraw: {@code reviewer} approved {@code r} and it has not started completing. No directory
     * check: taking one's own approval back never lets anything run.
     */
    static void checkWithdraw(ApprovalRequest r, Principal reviewer) {
        requireStatus(r, "withdraw an approval of", CANCELABLE);
        boolean approved = r.reviews().stream()
                .anyMatch(rv ->
                        rv.verdict() == dev.maa.api.Verdict.APPROVE && Identities.same(rv.reviewer(), reviewer.id()));
        if (!approved) {
            throw new IllegalRequestStateException(
                    reviewer.id() + " has no approval of request " + r.id() + " to withdraw; only an approver withdraws"
                            + " their own approval. Nothing was recorded.",
                    r.status());
        }
    }

    /** The guard of cancel: only the requester, only before completion starts. */
    static void checkCancel(ApprovalRequest r, Principal requester) {
        if (!r.isRequester(requester.id())) {
            throw new AccessDeniedException(
                    "Only " + r.requester().id() + ", who made request " + r.id() + ", can cancel it; " + requester.id()
                            + " cannot. Reject it instead if you are an approver.",
                    List.of("not the requester"));
        }
        requireStatus(r, "cancel", CANCELABLE);
    }

    /** The guard of complete on who asks: the requester, or the system ({@code null}). */
    static void checkCompleter(ApprovalRequest r, Principal requester) {
        if (requester != null && !r.isRequester(requester.id())) {
            throw new AccessDeniedException(
                    "Only " + r.requester().id() + ", who made request " + r.id() + ", can complete it; "
                            + requester.id() + " cannot.",
                    List.of("not the requester"));
        }
    }

    /**
     * The guard of close-review: a break-glass request whose review is open, closed by a current approver of the
     * request or a break-glass reviewer, never its requester.
     */
    void checkCloseReview(ApprovalRequest r, Principal reviewer) {
        if (!r.emergency()) {
            throw new IllegalRequestStateException(
                    "Request " + r.id() + " is not a break-glass request; it has" + " no post-emergency review.",
                    r.status());
        }
        if (r.postReview() != null) {
            throw new IllegalRequestStateException(
                    "The post-emergency review of request " + r.id() + " was already closed by "
                            + r.postReview().reviewer() + ".",
                    r.status());
        }
        if (r.isRequester(reviewer.id())) {
            throw ReviewNotAllowedException.ownRequest(reviewer.id(), r.id());
        }
        Principal current =
                withTrustedGroups(ctx.directory().findFresh(reviewer.id()).orElse(null), reviewer);
        Set<String> groups = current == null ? Set.of() : current.groups();
        boolean approver = r.factors().stream().anyMatch(f -> f.admits(groups))
                || ctx.breakGlass().isReviewer(groups);
        if (!approver) {
            List<String> allowed = new java.util.ArrayList<>(approverGroups(r));
            allowed.addAll(new TreeSet<>(ctx.breakGlass().reviewerGroups()));
            throw ReviewNotAllowedException.notAnApprover(reviewer.id(), r.id(), allowed);
        }
    }

    /** See {@link dev.maa.core.ApprovalService#allowedActions}: each action whose guard passes. */
    Set<RequestAction> allowedActions(ApprovalRequest r, Principal asGiven) {
        Set<RequestAction> out = EnumSet.noneOf(RequestAction.class);
        if (!Identities.isValid(asGiven.id())) {
            return out;
        }
        Principal p = asGiven.canonical();
        boolean due = isDue(r, ctx.clock().instant());
        if (!due && accepts(() -> checkReview(r, p, "review"))) {
            out.add(RequestAction.APPROVE);
            out.add(RequestAction.REJECT);
        }
        if (!due && accepts(() -> checkWithdraw(r, p))) {
            out.add(RequestAction.WITHDRAW);
        }
        if (accepts(() -> checkCancel(r, p))) {
            out.add(RequestAction.CANCEL);
        }
        if (!due
                && accepts(() -> {
                    checkCompleter(r, p);
                    requireStatus(r, "complete", Set.of(Status.APPROVED));
                })) {
            out.add(RequestAction.COMPLETE);
        }
        if (accepts(() -> checkCloseReview(r, p))) {
            out.add(RequestAction.CLOSE_REVIEW);
        }
        return out;
    }

    /** Whether {@code guard} passes; any refusal (or an unavailable directory or policy) means no. */
    private static boolean accepts(Runnable guard) {
        try {
            guard.run();
            return true;
        } catch (MaaException e) {
            return false;
        }
    }

    static boolean isDue(ApprovalRequest r, Instant now) {
        return (r.status() == Status.NEEDS_APPROVAL || r.status() == Status.APPROVED) && !now.isBefore(r.expiresAt());
    }

    static void requireStatus(ApprovalRequest r, String op, Set<Status> allowed) {
        if (!allowed.contains(r.status())) {
            throw new IllegalRequestStateException(r.id(), op, r.status(), allowed);
        }
    }
}
