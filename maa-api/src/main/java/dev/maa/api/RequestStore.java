package dev.maa.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable home of approval requests. Every write is atomic together with its audit entry.
 *
 * <p>Implementations: in memory (tests), JDBC on an H2 file (embedded default) or PostgreSQL (clusters).
 * They enforce the one-open-request-per-object rule and optimistic versions themselves, so that races
 * between threads or nodes are decided by the store, not by the caller.
 */
public interface RequestStore {

    /**
     * Stores a new request (version 1) and appends {@code event} to the audit log in the same transaction.
     * A request may be inserted directly in a final status (a break-glass call is recorded COMPLETED or FAILED
     * after it ran); the one-open-request-per-object rule only applies when the new request is open.
     *
     * @throws RequestAlreadyPendingException if another open request exists for the same {@link ResourceRef#key()}
     * @throws StoreUnavailableException      if the store cannot be reached
     */
    ApprovalRequest insert(ApprovalRequest request, AuditEvent event);

    /**
     * Replaces the stored request if it still has {@code expectedStatus} and {@code expectedVersion};
     * writes {@code updated} with version {@code expectedVersion + 1} and appends {@code event}, atomically.
     *
     * <p>The payload and its digest are written once, by {@link #insert}: an update keeps the stored ones whatever
     * {@code updated} carries, and returns them. A caller that holds an older copy of the request therefore can
     * neither reseal nor replace a payload, and whoever executes the returned request runs what is stored.
     *
     * @return the stored value, with the stored payload and digest
     * @throws ConcurrentUpdateException if the stored status or version differ (someone else won the race)
     * @throws RequestNotFoundException  if there is no such request
     */
    ApprovalRequest update(ApprovalRequest updated, Status expectedStatus, long expectedVersion, AuditEvent event);

    /**
     * Records the outcome of a request that has run: {@code done} is COMPLETED or FAILED, the stored request
     * must still be COMPLETING at {@code expectedVersion}. Otherwise like {@link #update}, except that the store
     * may acknowledge before the write is durable. Losing it to a crash of the database is the failure the
     * execution lease already handles: the request stays COMPLETING until its lease runs out and is then marked
     * FAILED with "outcome unknown", exactly as when the node dies right after the call ran. A store that only
     * has durable writes simply updates.
     */
    default ApprovalRequest recordOutcome(ApprovalRequest done, long expectedVersion, AuditEvent event) {
        requireOutcome(done);
        return update(done, Status.COMPLETING, expectedVersion, event);
    }

    /** @throws IllegalArgumentException unless {@code done} is COMPLETED or FAILED */
    static void requireOutcome(ApprovalRequest done) {
        if (done.status() != Status.COMPLETED && done.status() != Status.FAILED) {
            throw new IllegalArgumentException(
                    "An outcome is COMPLETED or FAILED; request " + done.id() + " is " + done.status());
        }
    }

    Optional<ApprovalRequest> find(String id);

    /** The open (not final) request for an object key, if any. */
    Optional<ApprovalRequest> findOpen(String resourceKey);

    /** Requests matching {@code query}, newest first, paged. */
    List<ApprovalRequest> list(RequestQuery query);

    /**
     * Requests that wait for approval and whose next reminder or escalation ({@link Reminders#nextDue}) is due at
     * {@code now}, at most {@code limit}. The engine's reminder job reads only these, so a run costs what is due,
     * not every open request: the built-in stores keep an index of the next due time, written with the transition
     * that sets it. This default, for other stores, walks every request that needs approval.
     */
    default List<ApprovalRequest> remindersDue(Instant now, int limit) {
        List<ApprovalRequest> due = new ArrayList<>();
        int offset = 0;
        List<ApprovalRequest> page;
        do {
            page = list(RequestQuery.all()
                    .withStatuses(Set.of(Status.NEEDS_APPROVAL))
                    .page(offset, RequestQuery.MAX_LIMIT));
            for (ApprovalRequest r : page) {
                Instant at = r.reminders() == null ? null : r.reminders().nextDue(r.createdAt());
                if (at != null && !at.isAfter(now) && due.size() < limit) {
                    due.add(r);
                }
            }
            offset += page.size();
        } while (page.size() == RequestQuery.MAX_LIMIT && due.size() < limit);
        return due;
    }

    /** The audit log written together with this store's transitions. */
    AuditLog auditLog();
}
