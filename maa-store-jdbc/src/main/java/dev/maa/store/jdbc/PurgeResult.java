package dev.maa.store.jdbc;

/**
 * What a retention purge removed.
 *
 * @param requestsDeleted     closed requests deleted
 * @param auditEntriesDeleted audit entries deleted (a prefix of the chain)
 * @param anchorSeq           the seq the remaining chain now starts after (0 if nothing was ever purged)
 */
public record PurgeResult(long requestsDeleted, long auditEntriesDeleted, long anchorSeq) {}
