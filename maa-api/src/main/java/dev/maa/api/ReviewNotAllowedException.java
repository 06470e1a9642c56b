package dev.maa.api;

import java.util.List;

/** A principal tried to approve or reject a request it may not review (its own, or not an approver). */
public class ReviewNotAllowedException extends AccessDeniedException {

    private static final long serialVersionUID = 1L;

    private ReviewNotAllowedException(String message) {
        super(message, List.of(message));
    }

    public static ReviewNotAllowedException ownRequest(String principalId, String requestId) {
        return new ReviewNotAllowedException("Request " + requestId + " was made by " + principalId
                + "; a requester can never review their own request. Ask a different member of its approver groups.");
    }

    public static ReviewNotAllowedException notAnApprover(String principalId, String requestId, List<String> groups) {
        return new ReviewNotAllowedException(
                principalId + " is not a member of any approver group of request " + requestId + " " + groups
                        + ". Ask a member of those groups, or have your directory membership updated.");
    }

    /** An approver of a later stage of a staged request, before that stage opened. */
    public static ReviewNotAllowedException notInOpenStage(
            String principalId, String requestId, int stage, int stages, List<String> stageGroups) {
        return new ReviewNotAllowedException(
                "Request " + requestId + " is in stage " + stage + " of " + stages + ", which members of " + stageGroups
                        + " review; " + principalId + " is not one of them. A later stage opens (and its approvers are"
                        + " notified) once this one is approved.");
    }

    public static ReviewNotAllowedException byPolicy(String principalId, String requestId) {
        return new ReviewNotAllowedException(
                "The review policy does not let " + principalId + " review request " + requestId
                        + " (for example, a scope tag of the request is missing). Ask an approver holding its scope tags.");
    }

    public static ReviewNotAllowedException alreadyReviewed(String principalId, String requestId) {
        return new ReviewNotAllowedException(principalId + " has already reviewed request " + requestId
                + "; each approver counts once. Ask another approver.");
    }

    /** A review of a request whose policy asks for passkey-signed approvals came without a signature. */
    public static ReviewNotAllowedException signatureRequired(String requestId, List<String> policies) {
        return new ReviewNotAllowedException("Request " + requestId + " needs a passkey-signed review (policies "
                + policies + " set approval_assurance: passkey). Review it in the web console, which asks your passkey"
                + " to sign; nothing was recorded.");
    }

    /** A signed review whose signature or statement does not hold for this review; {@code problem} says why. */
    public static ReviewNotAllowedException signatureRefused(String principalId, String requestId, String problem) {
        return new ReviewNotAllowedException("The signed review of request " + requestId + " by " + principalId
                + " was refused: " + problem + ". Open the review again in the console and sign anew; nothing was"
                + " recorded.");
    }
}
