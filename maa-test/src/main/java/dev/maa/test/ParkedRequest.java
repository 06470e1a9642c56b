package dev.maa.test;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEventType;
import dev.maa.api.MaaException;
import dev.maa.api.Status;
import java.time.Instant;
import org.opentest4j.AssertionFailedError;

/**
 * A request under test: review it as a given user, complete it, and assert its status and how often its call ran.
 * Every step reads the store, so the assertions see what the engine recorded, not a copy.
 */
public final class ParkedRequest {

    private final MaaTestKit kit;
    private final String id;

    ParkedRequest(MaaTestKit kit, String id) {
        this.kit = kit;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The request as the store holds it now. */
    public ApprovalRequest request() {
        return kit.engine().approvals().get(id);
    }

    public Instant expiresAt() {
        return request().expiresAt();
    }

    /** Approves as the directory's user {@code reviewer}; fails the test if the review is refused. */
    public ParkedRequest approveAs(String reviewer, String notes) {
        step("approve as " + reviewer, () -> kit.engine().approvals().approve(id, kit.principal(reviewer), notes));
        return this;
    }

    /** Rejects as {@code reviewer}; fails the test if the review is refused. */
    public ParkedRequest rejectAs(String reviewer, String notes) {
        step("reject as " + reviewer, () -> kit.engine().approvals().reject(id, kit.principal(reviewer), notes));
        return this;
    }

    /** Completes as {@code requester}: the approved call runs now, on this thread. */
    public ParkedRequest completeAs(String requester) {
        step("complete as " + requester, () -> kit.engine().approvals().complete(id, kit.principal(requester)));
        return this;
    }

    /** An approval attempt by {@code reviewer}, to assert that it is refused. */
    public ReviewAttempt approvalBy(String reviewer) {
        return new ReviewAttempt(reviewer);
    }

    public ParkedRequest hasStatus(Status expected) {
        Status actual = request().status();
        if (actual != expected) {
            throw new AssertionFailedError(
                    "Request " + id + " is " + actual + ", expected " + expected, expected, actual);
        }
        return this;
    }

    /** Asserts the call ran exactly once: the request is COMPLETED and its audit trail has one completion. */
    public ParkedRequest ranExactlyOnce() {
        hasStatus(Status.COMPLETED);
        long completions = completions();
        if (completions != 1) {
            throw new AssertionFailedError(
                    "Request " + id + " has " + completions + " completions in its audit trail, expected 1",
                    1,
                    completions);
        }
        return this;
    }

    /** Asserts the call never ran: no completion in the audit trail. */
    public ParkedRequest neverRan() {
        long completions = completions();
        if (completions != 0) {
            throw new AssertionFailedError(
                    "Request " + id + " ran " + completions + " time(s), expected never", 0, completions);
        }
        return this;
    }

    private long completions() {
        return kit.engine().approvals().auditLog().forRequest(id).stream()
                .filter(e -> e.event().type().equals(AuditEventType.COMPLETED.name()))
                .count();
    }

    private void step(String what, Runnable action) {
        try {
            action.run();
        } catch (MaaException e) {
            throw new AssertionFailedError("Could not " + what + " request " + id + ": " + e.getMessage(), e);
        }
    }

    /** One review attempt that the test expects to fail. */
    public final class ReviewAttempt {
        private final String reviewer;

        private ReviewAttempt(String reviewer) {
            this.reviewer = reviewer;
        }

        /** Asserts the approval is refused (not allowed) and nothing about the request changed. */
        public MaaException isRefused() {
            long version = request().version();
            try {
                kit.engine().approvals().approve(id, kit.principal(reviewer), "test: should be refused");
            } catch (MaaException e) {
                if (e.kind() != MaaException.Kind.NOT_ALLOWED) {
                    throw new AssertionFailedError(
                            "The approval by " + reviewer + " failed for another reason: " + e, e);
                }
                if (request().version() != version) {
                    throw new AssertionFailedError("The refused approval by " + reviewer + " changed request " + id);
                }
                return e;
            }
            throw new AssertionFailedError("The approval of request " + id + " by " + reviewer + " was accepted");
        }
    }
}
