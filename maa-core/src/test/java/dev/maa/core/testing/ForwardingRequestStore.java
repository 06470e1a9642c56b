package dev.maa.core.testing;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditLog;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A {@link RequestStore} that hands every call to another; tests override what they observe or break. */
public abstract class ForwardingRequestStore implements RequestStore {

    private final RequestStore delegate;

    protected ForwardingRequestStore(RequestStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public ApprovalRequest insert(ApprovalRequest request, AuditEvent event) {
        return delegate.insert(request, event);
    }

    @Override
    public ApprovalRequest update(
            ApprovalRequest updated, Status expectedStatus, long expectedVersion, AuditEvent event) {
        return delegate.update(updated, expectedStatus, expectedVersion, event);
    }

    @Override
    public ApprovalRequest recordOutcome(ApprovalRequest done, long expectedVersion, AuditEvent event) {
        return delegate.recordOutcome(done, expectedVersion, event);
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        return delegate.find(id);
    }

    @Override
    public Optional<ApprovalRequest> findOpen(String resourceKey) {
        return delegate.findOpen(resourceKey);
    }

    @Override
    public List<ApprovalRequest> list(RequestQuery query) {
        return delegate.list(query);
    }

    @Override
    public List<ApprovalRequest> remindersDue(Instant now, int limit) {
        return delegate.remindersDue(now, limit);
    }

    @Override
    public AuditLog auditLog() {
        return delegate.auditLog();
    }
}
