package dev.maa.api;

import java.util.Set;

/**
 * A message about a request to the people who should act on it or know about it.
 *
 * @param kind       what happened
 * @param request    the request as it is now
 * @param recipients principal ids
 * @param text       one readable line, e.g. for a chat message
 */
public record Notification(Kind kind, ApprovalRequest request, Set<String> recipients, String text) {

    public enum Kind {
        SUBMITTED,
        APPROVED,
        REJECTED,
        CANCELED,
        EXPIRED,
        COMPLETED,
        FAILED,
        EMERGENCY,
        /** An approver withdrew their approval; to the requester and the approvers. */
        WITHDRAWN,
        /** A reminder to the approvers of the open stage who have not reviewed yet. */
        REMINDER,
        /** The policy changed under the request, which ended VOIDED; to the requester and the approvers. */
        VOIDED
    }

    public Notification {
        recipients = Set.copyOf(recipients);
    }
}
