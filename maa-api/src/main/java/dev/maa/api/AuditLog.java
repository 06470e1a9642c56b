package dev.maa.api;

import java.util.List;

/**
 * The append-only, hash-chained audit trail. Transitions are appended by the {@link RequestStore} in the
 * same transaction; events without a transition (a denied call, a policy change) go through {@link #append}.
 */
public interface AuditLog {

    AuditEntry append(AuditEvent event);

    /** Entries with {@code seq > afterSeq}, in order, at most {@code limit}. */
    List<AuditEntry> read(long afterSeq, int limit);

    /** Every entry about one request, in order: its status history. */
    List<AuditEntry> forRequest(String requestId);

    /**
     * Whether {@code entry} was written by this log and is unchanged since: its keyed hash (a MAC under a key kept
     * outside the store) verifies. The executor trusts only authentic entries as evidence of an approval; a log that
     * cannot tell says {@code false}, so that nothing runs on its word (fail closed).
     */
    default boolean authentic(AuditEntry entry) {
        return false;
    }

    /** Recomputes the chain and reports every edited, inserted or deleted entry. */
    AuditVerification verify();
}
