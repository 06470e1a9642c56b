package dev.maa.api;

import java.util.Optional;

/**
 * The types of audit events MAA writes: the one list of them, so no class spells an event type as a string
 * literal of its own.
 *
 * <p>An event stores its type as {@link #name()} ({@link AuditEvent#type()} stays a string): chains keep the
 * text, keyed hashes cover it and exports show it, so a constant is never renamed, only added. A chain may hold
 * types this list does not know (written by a newer version); {@link #find} returns empty for those.
 */
public enum AuditEventType {
    /** A call was parked as a request that needs approval. */
    SUBMITTED,
    /** An approval that did not yet meet every factor. */
    APPROVAL_RECORDED,
    /** The approval that met every factor. */
    APPROVED,
    REJECTED,
    CANCELED,
    EXPIRED,
    /** Completion was asked for: the request waits for (or has) an executor's claim. */
    COMPLETING,
    /** An executor claimed the request with a lease. */
    CLAIMED,
    /** An executor gave its claim back without running the call. */
    RELEASED,
    COMPLETED,
    FAILED,
    /** The parked payload no longer has its digest: refused, nothing ran. */
    PAYLOAD_INTEGRITY_FAILED,
    /** The request's stored state disagrees with its audit trail: refused, nothing ran. */
    INTEGRITY_FAILED,
    /** An approver closed the post-emergency review of a break-glass call. */
    POST_REVIEW_CLOSED,
    /** A break-glass call was admitted. */
    EMERGENCY_STARTED,
    /** A break-glass call ran (or threw). */
    EMERGENCY_EXECUTED,
    /** The policy denied a call. */
    CALL_DENIED,
    /** A store keyed a chain that has unkeyed (legacy) entries. */
    AUDIT_KEYED,
    /** A staged event that failed its authentication; its detail holds the event as found. */
    AUDIT_EVENT_REJECTED,
    /**
     * A provisioned directory (SCIM) added a user; detail: {@code user} (canonical id), {@code id} (the directory's),
     * {@code active}. Directory events record who may review: users, their state and their approver groups.
     */
    DIRECTORY_USER_ADDED,
    /** A user's id changed (detail {@code from}, {@code user}): the old spelling no longer reviews. */
    DIRECTORY_USER_RENAMED,
    /** A user was deactivated ({@code active: false}): they can no longer review, at once. */
    DIRECTORY_USER_DEACTIVATED,
    /** A deactivated user was made active again. */
    DIRECTORY_USER_REACTIVATED,
    /** A user was deleted; detail {@code groups}: the groups they left with it. */
    DIRECTORY_USER_REMOVED,
    /** A group was added (detail {@code group}, {@code id}). */
    DIRECTORY_GROUP_ADDED,
    /** A group's name changed (detail {@code from}, {@code group}): approver groups match names, so this matters. */
    DIRECTORY_GROUP_RENAMED,
    /** A group was deleted; detail {@code members}: who lost it. */
    DIRECTORY_GROUP_REMOVED,
    /** A user joined a group (detail {@code user}, {@code group}). */
    DIRECTORY_MEMBER_ADDED,
    /** A user left a group (detail {@code user}, {@code group}). */
    DIRECTORY_MEMBER_REMOVED,
    /**
     * A request of a passkey policy whose signed approvals do not verify in the host (untrusted or revoked key,
     * statement for another request or digest, no user verification, counter gone back): refused, nothing ran.
     */
    SIGNATURES_REFUSED,
    /**
     * An approver withdrew their approval before completion started (detail {@code notes}, {@code quorum} and
     * {@code to}, the status after it: {@code from: APPROVED, to: NEEDS_APPROVAL} when it undid a met quorum).
     */
    APPROVAL_WITHDRAWN,
    /** Approvers of the open stage who had not reviewed were reminded (detail {@code stage}, {@code quorum}). */
    REMINDED,
    /**
     * The open stage was escalated: its factors now admit the escalation groups too (detail {@code stage},
     * {@code groups}, {@code approvals}: the factors from now on, which the completion-time trail check uses).
     */
    ESCALATED,
    /**
     * The active policy set changed and the request was re-evaluated: its rules are unchanged, it carries on under
     * the new revision (detail {@code revision}, {@code previous}).
     */
    POLICY_REVALIDATED,
    /** The active policy set changed the request's rules: it ended VOIDED (detail {@code reason}, {@code revision}). */
    VOIDED,
    /**
     * A policy change's impact (what-if over the recent decision log) was computed after it was parked (detail
     * {@code digest}: the parked change's, {@code impact}: the report); the request shows it from then on.
     */
    IMPACT_COMPUTED;

    /** The type stored as {@code wire}, or empty if this version does not know it. */
    public static Optional<AuditEventType> find(String wire) {
        for (AuditEventType t : values()) {
            if (t.name().equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
