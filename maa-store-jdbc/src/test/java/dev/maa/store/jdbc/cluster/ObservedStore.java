package dev.maa.store.jdbc.cluster;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.ClaimingStore;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.core.testing.ForwardingRequestStore;
import dev.maa.store.jdbc.JdbcRequestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link JdbcRequestStore} that records list queries and can fail the move to COMPLETING (a crash). */
final class ObservedStore extends ForwardingRequestStore implements ClaimingStore {

    private final JdbcRequestStore store;
    final List<RequestQuery> lists = new CopyOnWriteArrayList<>();
    volatile boolean failCompleting;

    ObservedStore(JdbcRequestStore store) {
        super(store);
        this.store = store;
    }

    @Override
    public ApprovalRequest update(
            ApprovalRequest updated, Status expectedStatus, long expectedVersion, AuditEvent event) {
        if (failCompleting && expectedStatus == Status.APPROVED && updated.status() == Status.COMPLETING) {
            throw new IllegalStateException("connection reset (test: the JVM dies after the approval)");
        }
        return super.update(updated, expectedStatus, expectedVersion, event);
    }

    @Override
    public List<ApprovalRequest> list(RequestQuery query) {
        lists.add(query);
        return super.list(query);
    }

    @Override
    public List<ApprovalRequest> claimReady(String owner, Duration lease, int limit, Instant now) {
        return store.claimReady(owner, lease, limit, now);
    }

    @Override
    public List<ApprovalRequest> expiredClaims(Instant now, int limit) {
        return store.expiredClaims(now, limit);
    }

    @Override
    public boolean tryAcquireJobLock(String job, String owner, Duration lease, Instant now) {
        return store.tryAcquireJobLock(job, owner, lease, now);
    }
}
