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

    public static ReviewNotAllowedException byPolicy(String principalId, String requestId) {
        return new ReviewNotAllowedException(
                "The review policy does not let " + principalId + " review request " + requestId
                        + " (for example, a scope tag of the request is missing). Ask an approver holding its scope tags.");
    }

    public static ReviewNotAllowedException alreadyReviewed(String principalId, String requestId) {
        return new ReviewNotAllowedException(principalId + " has already reviewed request " + requestId
                + "; each approver counts once. Ask another approver.");
    }
}
