package dev.maa.api;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A message about a request to the people who should act on it or know about it.
 *
 * @param kind       what happened
 * @param request    the request as it is now
 * @param recipients principal ids
 * @param text       one readable line, e.g. for a chat message
 * @param eventId    stable for this notification wherever and however often it is delivered (across retries,
 *                   restarts and nodes: the transactional outbox stores it with the transition), so a receiver can
 *                   drop duplicates
 */
public record Notification(Kind kind, ApprovalRequest request, Set<String> recipients, String text, String eventId) {

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
        /**
         * The request waited its {@code escalate_after} and its escalation groups became approvers of the open stage;
         * to the approvers of that stage (the new ones included) and the requester.
         */
        ESCALATED,
        /** The policy changed under the request, which ended VOIDED; to the requester and the approvers. */
        VOIDED
    }

    public Notification {
        recipients = Set.copyOf(recipients);
        Objects.requireNonNull(eventId, "eventId");
        if (eventId.isBlank() || eventId.length() > 64) {
            throw new IllegalArgumentException("eventId must be 1..64 characters, was '" + eventId + "'");
        }
    }

    /** A notification with a new random event id. */
    public Notification(Kind kind, ApprovalRequest request, Set<String> recipients, String text) {
        this(kind, request, recipients, text, UUID.randomUUID().toString());
    }
}
