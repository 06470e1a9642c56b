package dev.maa.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parked call waiting for, or past, approval. Immutable: every transition produces a new value
 * with {@link #version()} one higher, written by the store with a conditional update.
 *
 * @param id             request id
 * @param resource       the object the call changes
 * @param action         what the call does
 * @param operation      the Java method that will run
 * @param requester      who made the call (principal as of submission)
 * @param justification  business justification, may be empty
 * @param urgent         whether the requester flagged it urgent
 * @param emergency      whether it ran at once as a break-glass call
 * @param factors        approval requirements, all must be met
 * @param completion     manual or auto completion
 * @param payload        the parked call in canonical JSON
 * @param digest         SHA-256 of {@code payload}, hex; approvals are bound to it
 * @param status         current status
 * @param reviews        verdicts so far, in order
 * @param createdAt      submission time
 * @param expiresAt      when the request expires unless it has reached a final state
 * @param updatedAt      last transition
 * @param version        optimistic-lock version, starts at 1
 * @param outcome        result summary or error after completion, or a reason for a final state
 * @param claimOwner     executor that claimed the request for execution, if any
 * @param claimExpiresAt end of the claim's lease
 * @param postReview     the closing review of a break-glass request, {@code null} while pending
 * @param policyRevision revision of the policy that decided
 * @param diff           the change as captured when the call was parked, {@code null} when none was captured
 * @param executionWindow how long the request stays runnable once approved (the policy's {@code execution_window}),
 *                        {@code null} = until {@code expiresAt}
 * @param approvalExpiresAt the end of the approval window while an execution window has moved {@code expiresAt}
 *                        (APPROVED), so a withdrawal that drops it back to NEEDS_APPROVAL restores it; else {@code null}
 * @param reminders      its reminder and escalation schedule and what of it has fired, {@code null} = none
 */
public record ApprovalRequest(
        String id,
        ResourceRef resource,
        Action action,
        Operation operation,
        Principal requester,
        String justification,
        boolean urgent,
        boolean emergency,
        List<Factor> factors,
        CompletionMode completion,
        String payload,
        String digest,
        Status status,
        List<Review> reviews,
        Instant createdAt,
        Instant expiresAt,
        Instant updatedAt,
        long version,
        String outcome,
        String claimOwner,
        Instant claimExpiresAt,
        PostReview postReview,
        String policyRevision,
        CapturedDiff diff,
        java.time.Duration executionWindow,
        Instant approvalExpiresAt,
        Reminders reminders) {

    /** A request without reminders (the signature before {@link #reminders()} existed). */
    public ApprovalRequest(
            String id,
            ResourceRef resource,
            Action action,
            Operation operation,
            Principal requester,
            String justification,
            boolean urgent,
            boolean emergency,
            List<Factor> factors,
            CompletionMode completion,
            String payload,
            String digest,
            Status status,
            List<Review> reviews,
            Instant createdAt,
            Instant expiresAt,
            Instant updatedAt,
            long version,
            String outcome,
            String claimOwner,
            Instant claimExpiresAt,
            PostReview postReview,
            String policyRevision,
            CapturedDiff diff,
            java.time.Duration executionWindow,
            Instant approvalExpiresAt) {
        this(
                id,
                resource,
                action,
                operation,
                requester,
                justification,
                urgent,
                emergency,
                factors,
                completion,
                payload,
                digest,
                status,
                reviews,
                createdAt,
                expiresAt,
                updatedAt,
                version,
                outcome,
                claimOwner,
                claimExpiresAt,
                postReview,
                policyRevision,
                diff,
                executionWindow,
                approvalExpiresAt,
                null);
    }

    /** A request without an execution window (the signature before {@link #executionWindow()} existed). */
    public ApprovalRequest(
            String id,
            ResourceRef resource,
            Action action,
            Operation operation,
            Principal requester,
            String justification,
            boolean urgent,
            boolean emergency,
            List<Factor> factors,
            CompletionMode completion,
            String payload,
            String digest,
            Status status,
            List<Review> reviews,
            Instant createdAt,
            Instant expiresAt,
            Instant updatedAt,
            long version,
            String outcome,
            String claimOwner,
            Instant claimExpiresAt,
            PostReview postReview,
            String policyRevision,
            CapturedDiff diff) {
        this(
                id,
                resource,
                action,
                operation,
                requester,
                justification,
                urgent,
                emergency,
                factors,
                completion,
                payload,
                digest,
                status,
                reviews,
                createdAt,
                expiresAt,
                updatedAt,
                version,
                outcome,
                claimOwner,
                claimExpiresAt,
                postReview,
                policyRevision,
                diff,
                null,
                null);
    }

    /** A request without a captured diff (the signature before {@link #diff()} existed). */
    public ApprovalRequest(
            String id,
            ResourceRef resource,
            Action action,
            Operation operation,
            Principal requester,
            String justification,
            boolean urgent,
            boolean emergency,
            List<Factor> factors,
            CompletionMode completion,
            String payload,
            String digest,
            Status status,
            List<Review> reviews,
            Instant createdAt,
            Instant expiresAt,
            Instant updatedAt,
            long version,
            String outcome,
            String claimOwner,
            Instant claimExpiresAt,
            PostReview postReview,
            String policyRevision) {
        this(
                id,
                resource,
                action,
                operation,
                requester,
                justification,
                urgent,
                emergency,
                factors,
                completion,
                payload,
                digest,
                status,
                reviews,
                createdAt,
                expiresAt,
                updatedAt,
                version,
                outcome,
                claimOwner,
                claimExpiresAt,
                postReview,
                policyRevision,
                null,
                null,
                null);
    }

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        justification = justification == null ? "" : justification;
        factors = List.copyOf(factors == null ? List.of() : factors);
        completion = completion == null ? CompletionMode.MANUAL : completion;
        reviews = List.copyOf(reviews == null ? List.of() : reviews);
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        outcome = outcome == null ? "" : outcome;
        policyRevision = policyRevision == null ? "" : policyRevision;
    }

    /** Whether {@code principalId} made this request, compared canonically ({@link Identities#same}). */
    public boolean isRequester(String principalId) {
        return Identities.same(requester.id(), principalId);
    }

    /** When the approval window ends: {@link #approvalExpiresAt()} while an execution window moved the expiry. */
    public Instant approvalDeadline() {
        return approvalExpiresAt != null ? approvalExpiresAt : expiresAt;
    }

    /** Whether the request's expiry is the end of its execution window (APPROVED under an execution window). */
    public boolean inExecutionWindow() {
        return approvalExpiresAt != null && status == Status.APPROVED;
    }

    /** Whether this break-glass request still waits for its post-emergency review. */
    public boolean awaitsPostReview() {
        return emergency && postReview == null;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Copies a request with some fields changed; {@link #build()} validates like the constructor. */
    public static final class Builder {
        private String id;
        private ResourceRef resource;
        private Action action;
        private Operation operation;
        private Principal requester;
        private String justification = "";
        private boolean urgent;
        private boolean emergency;
        private List<Factor> factors = List.of();
        private CompletionMode completion = CompletionMode.MANUAL;
        private String payload;
        private String digest;
        private Status status = Status.NEEDS_APPROVAL;
        private List<Review> reviews = List.of();
        private Instant createdAt;
        private Instant expiresAt;
        private Instant updatedAt;
        private long version = 1;
        private String outcome = "";
        private String claimOwner;
        private Instant claimExpiresAt;
        private PostReview postReview;
        private String policyRevision = "";
        private CapturedDiff diff;
        private java.time.Duration executionWindow;
        private Instant approvalExpiresAt;
        private Reminders reminders;

        private Builder() {}

        private Builder(ApprovalRequest r) {
            id = r.id;
            resource = r.resource;
            action = r.action;
            operation = r.operation;
            requester = r.requester;
            justification = r.justification;
            urgent = r.urgent;
            emergency = r.emergency;
            factors = r.factors;
            completion = r.completion;
            payload = r.payload;
            digest = r.digest;
            status = r.status;
            reviews = r.reviews;
            createdAt = r.createdAt;
            expiresAt = r.expiresAt;
            updatedAt = r.updatedAt;
            version = r.version;
            outcome = r.outcome;
            claimOwner = r.claimOwner;
            claimExpiresAt = r.claimExpiresAt;
            postReview = r.postReview;
            policyRevision = r.policyRevision;
            diff = r.diff;
            executionWindow = r.executionWindow;
            approvalExpiresAt = r.approvalExpiresAt;
            reminders = r.reminders;
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder resource(ResourceRef v) {
            resource = v;
            return this;
        }

        public Builder action(Action v) {
            action = v;
            return this;
        }

        public Builder operation(Operation v) {
            operation = v;
            return this;
        }

        public Builder requester(Principal v) {
            requester = v;
            return this;
        }

        public Builder justification(String v) {
            justification = v;
            return this;
        }

        public Builder urgent(boolean v) {
            urgent = v;
            return this;
        }

        public Builder emergency(boolean v) {
            emergency = v;
            return this;
        }

        public Builder factors(List<Factor> v) {
            factors = v;
            return this;
        }

        public Builder completion(CompletionMode v) {
            completion = v;
            return this;
        }

        public Builder payload(String v) {
            payload = v;
            return this;
        }

        public Builder digest(String v) {
            digest = v;
            return this;
        }

        public Builder status(Status v) {
            status = v;
            return this;
        }

        public Builder reviews(List<Review> v) {
            reviews = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder expiresAt(Instant v) {
            expiresAt = v;
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        public Builder version(long v) {
            version = v;
            return this;
        }

        public Builder outcome(String v) {
            outcome = v;
            return this;
        }

        public Builder claimOwner(String v) {
            claimOwner = v;
            return this;
        }

        public Builder claimExpiresAt(Instant v) {
            claimExpiresAt = v;
            return this;
        }

        public Builder postReview(PostReview v) {
            postReview = v;
            return this;
        }

        public Builder policyRevision(String v) {
            policyRevision = v;
            return this;
        }

        public Builder diff(CapturedDiff v) {
            diff = v;
            return this;
        }

        public Builder executionWindow(java.time.Duration v) {
            executionWindow = v;
            return this;
        }

        public Builder approvalExpiresAt(Instant v) {
            approvalExpiresAt = v;
            return this;
        }

        public Builder reminders(Reminders v) {
            reminders = v;
            return this;
        }

        /** Appends a review to the reviews so far. */
        public Builder addReview(Review review) {
            List<Review> all = new ArrayList<>(reviews);
            all.add(review);
            reviews = all;
            return this;
        }

        public ApprovalRequest build() {
            return new ApprovalRequest(
                    id,
                    resource,
                    action,
                    operation,
                    requester,
                    justification,
                    urgent,
                    emergency,
                    factors,
                    completion,
                    payload,
                    digest,
                    status,
                    reviews,
                    createdAt,
                    expiresAt,
                    updatedAt,
                    version,
                    outcome,
                    claimOwner,
                    claimExpiresAt,
                    postReview,
                    policyRevision,
                    diff,
                    executionWindow,
                    approvalExpiresAt,
                    reminders);
        }
    }
}
