package dev.maa.core;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditLog;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The approval state machine: every operation is one conditional store update plus one audit entry, retried
 * on a lost race after re-reading and re-checking the request, so concurrent reviews by different approvers
 * all count and every rule is checked against the state that is actually written.
 *
 * <p>Rules enforced here whatever the policy says:
 * <ul>
 *   <li>a requester never reviews their own request, even as a member of an approver group;</li>
 *   <li>only current members (read from the {@link dev.maa.api.Directory} at review time) of an approver group
 *       of the request may review; {@link dev.maa.api.PolicyEngine#mayReview} may restrict further;</li>
 *   <li>one review per reviewer; any rejection rejects;</li>
 *   <li>quorum: every factor needs {@code requiredApprovals} distinct approvers holding one of its groups. An
 *       approver counts for every factor whose groups they are in (one approval from a member of two factors'
 *       groups advances both), as with Vault control-group factors;</li>
 *   <li>expiry is checked at operation time, not only by {@link #expireDue()}.</li>
 * </ul>
 * Notifications go out after the transition committed; a failing notifier never breaks the flow.
 */
public interface ApprovalService {

    /** Stores a parked call as a new request (NEEDS_APPROVAL) and notifies the approver groups. */
    ApprovalRequest submit(Submission submission);

    /** Records an approval bound to the request's current digest; APPROVED once every factor is met. */
    ApprovalRequest approve(String requestId, Principal reviewer, String notes);

    /**
     * Like {@link #approve(String, Principal, String)}, refusing with
     * {@link dev.maa.api.PayloadIntegrityException} unless the request's digest is the one the reviewer saw.
     */
    ApprovalRequest approve(String requestId, Principal reviewer, String notes, String digestSeen);

    /** Rejects the request (final); notes say why. */
    ApprovalRequest reject(String requestId, Principal reviewer, String notes);

    /**
     * Approves or rejects with a passkey-signed review: {@code signature}'s statement must be exactly this review's
     * (request, digest, decision, notes, the reviewer's current groups, factors, policy revision); with the host's
     * anchors configured its key, assertion and counter are verified too. Requests of {@code approval_assurance:
     * passkey} policies take only such reviews.
     *
     * @throws dev.maa.api.ReviewNotAllowedException if the signature does not prove this review
     */
    ApprovalRequest review(
            String requestId,
            Principal reviewer,
            dev.maa.api.Verdict verdict,
            String notes,
            dev.maa.core.signing.SignedReview signature);

    /**
     * Withdraws {@code reviewer}'s own approval while the request is NEEDS_APPROVAL or APPROVED (never once it is
     * COMPLETING): the quorum is counted again without it, so a met quorum drops back to NEEDS_APPROVAL; audited
     * ({@code APPROVAL_WITHDRAWN}); the requester and the approvers are notified. The approver may approve again.
     */
    ApprovalRequest withdraw(String requestId, Principal reviewer, String notes);

    /** Cancels the request; only its requester, and only before completion starts. */
    ApprovalRequest cancel(String requestId, Principal requester, String reason);

    /**
     * Runs an approved request, exactly once: the requester (or the system, for auto completion) claims it with
     * one conditional update APPROVED → COMPLETING; the winner executes it if this JVM can, otherwise it stays
     * COMPLETING without an owner for a host's {@link Executor#runPending()}.
     *
     * @return the request after the call: COMPLETED, FAILED, or COMPLETING (left for another node)
     */
    ApprovalRequest complete(String requestId, Principal requester);

    /** Expires one open (NEEDS_APPROVAL or APPROVED) request whose expiry has passed. */
    ApprovalRequest expire(String requestId);

    /** Expires every open request past its expiry; returns how many were expired. */
    int expireDue();

    /**
     * Fires the due reminders and escalations of requests that need approval (a policy's {@code remind_after},
     * {@code escalate_after}); each is one audited transition ({@code REMINDED}, {@code ESCALATED}). Returns how many
     * fired. Run by the engine's background jobs with the expiry sweep.
     */
    int remindDue();

    /**
     * Re-evaluates every NEEDS_APPROVAL or APPROVED request parked under another policy revision than the one in
     * force: one whose call would now be denied (or allowed outright), or whose factors, stages or approver groups
     * differ, ends VOIDED with the reason and the revision; the others carry on under the new revision. Returns how
     * many were voided. Called when a policy set is activated and by the background jobs; completion does it first.
     */
    int revalidateOpen();

    /** Closes the post-emergency review of a break-glass request with the reviewer's findings. */
    ApprovalRequest closePostReview(String requestId, Principal reviewer, String notes);

    /**
     * Performs {@code action} on the request as {@code principal}: the one entry point every surface (REST, console,
     * CLI) dispatches through. {@code fields} are the action's text fields ({@link RequestAction#fields()}); an
     * {@link RequestAction#APPROVE} with a {@code digest} is refused unless it is the request's.
     *
     * @throws IllegalArgumentException naming a field the action does not take
     */
    ApprovalRequest act(String requestId, Principal principal, RequestAction action, Map<String, String> fields);

    /**
     * The actions {@code principal} may take on {@code r} now: exactly those whose transition would accept it,
     * checked by the same guards the transitions throw from (status, expiry, requester, current group membership
     * read from the directory, the review policy, payload integrity). Text-field checks (length, close-review notes)
     * are left to the action itself.
     */
    Set<RequestAction> allowedActions(ApprovalRequest r, Principal principal);

    /** @throws dev.maa.api.RequestNotFoundException if there is no such request */
    ApprovalRequest get(String requestId);

    List<ApprovalRequest> list(RequestQuery query);

    /** Break-glass requests still waiting for their post-emergency review, newest first. */
    List<ApprovalRequest> postReviewQueue();

    AuditLog auditLog();
}
