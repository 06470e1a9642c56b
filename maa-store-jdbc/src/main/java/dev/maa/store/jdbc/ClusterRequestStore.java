package dev.maa.store.jdbc;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditLog;
import dev.maa.api.ClaimingStore;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JdbcRequestStore} seen as a {@link ClaimingStore}: hand this to {@code MaaEngine.builder().store(...)}
 * on every node of a cluster so that executors claim work with {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * (PostgreSQL; H2 locks the candidate rows and the conditional update decides) instead of listing every
 * COMPLETING request, and so that the expiry sweep runs on one node at a time.
 *
 * <p>A thin delegate, kept apart from {@link JdbcRequestStore} so that the SPI can be adopted without changing it;
 * {@link #close()} closes the wrapped store.
 */
public final class ClusterRequestStore implements RequestStore, ClaimingStore, AutoCloseable {

    private final JdbcRequestStore store;

    private ClusterRequestStore(JdbcRequestStore store) {
        this.store = store;
    }

    public static ClusterRequestStore of(JdbcRequestStore store) {
        return new ClusterRequestStore(Objects.requireNonNull(store, "store"));
    }

    /** The wrapped store (purge, job locks, data source). */
    public JdbcRequestStore jdbc() {
        return store;
    }

    @Override
    public ApprovalRequest insert(ApprovalRequest request, AuditEvent event) {
        return store.insert(request, event);
    }

    @Override
    public ApprovalRequest update(ApprovalRequest updated, Status expectedStatus, long expectedVersion, AuditEvent event) {
        return store.update(updated, expectedStatus, expectedVersion, event);
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        return store.find(id);
    }

    @Override
    public Optional<ApprovalRequest> findOpen(String resourceKey) {
        return store.findOpen(resourceKey);
    }

    @Override
    public List<ApprovalRequest> list(RequestQuery query) {
        return store.list(query);
    }

    @Override
    public AuditLog auditLog() {
        return store.auditLog();
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

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "Cluster" + store;
    }
}
