package dev.maa.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Optional capability of a {@link RequestStore}: a transactional outbox. A transition's notifications are written
 * with the transition, all or nothing, and stay until delivered or given up, so neither a crash between the commit
 * and the delivery nor a restart loses one.
 *
 * <p>Why in the store: a notification queued in memory after the commit is lost when the process dies, and one sent
 * before the commit may describe a transition that never happened. Written by the same statement (PostgreSQL) or in
 * the same logged transaction (the H2 file) as the request, the two cannot disagree. Delivery is at least once:
 * receivers de-duplicate on {@link Notification#eventId()}.
 */
public interface NotificationOutbox {

    /** {@link RequestStore#insert} that also writes {@code notifications} to the outbox, atomically. */
    ApprovalRequest insert(ApprovalRequest request, AuditEvent event, List<Notification> notifications);

    /** {@link RequestStore#update} that also writes {@code notifications} to the outbox, atomically. */
    ApprovalRequest update(
            ApprovalRequest updated,
            Status expectedStatus,
            long expectedVersion,
            AuditEvent event,
            List<Notification> notifications);

    /** {@link RequestStore#recordOutcome} that also writes {@code notifications} to the outbox, atomically. */
    ApprovalRequest recordOutcome(
            ApprovalRequest done, long expectedVersion, AuditEvent event, List<Notification> notifications);

    /** Up to {@code limit} pending entries due at {@code now}, in the order they were written. */
    List<OutboxEntry> due(Instant now, int limit);

    /** The entry was delivered on every channel: it is never returned again. */
    void delivered(String eventId);

    /**
     * The entry failed on some channel: try again at {@code nextAttempt}. {@code deliveredChannels} are the channels
     * that already have it and are skipped then.
     */
    void retryLater(String eventId, int attempts, Instant nextAttempt, Set<String> deliveredChannels);

    /** Attempts are exhausted or the failure is permanent: the entry is kept, marked failed, never returned again. */
    void gaveUp(String eventId, int attempts, Set<String> deliveredChannels);

    /** Entries not yet delivered nor given up. */
    long pending();

    /**
     * An outbox entry.
     *
     * @param notification      what to deliver, with its request as it was when the transition committed
     * @param attempts          attempts made so far
     * @param deliveredChannels channels that already delivered it
     */
    record OutboxEntry(Notification notification, int attempts, Set<String> deliveredChannels) {

        public OutboxEntry {
            deliveredChannels = Set.copyOf(deliveredChannels);
        }
    }
}
