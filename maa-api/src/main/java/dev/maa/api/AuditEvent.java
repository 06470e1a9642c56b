package dev.maa.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Something worth an audit entry: a transition, a denied call, a break-glass call, a policy change.
 *
 * @param at        when it happened
 * @param requestId the request concerned, or empty
 * @param actor     principal id of who acted ({@code system} for the engine itself)
 * @param type      event type as stored: an {@link AuditEventType}'s name, e.g. {@code SUBMITTED}, {@code APPROVED}
 * @param detail    free text or compact JSON with the specifics
 */
public record AuditEvent(Instant at, String requestId, String actor, String type, String detail) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        requestId = requestId == null ? "" : requestId;
        detail = detail == null ? "" : detail;
    }

    /** An event of a known type. */
    public AuditEvent(Instant at, String requestId, String actor, AuditEventType type, String detail) {
        this(at, requestId, actor, type.name(), detail);
    }

    /** Whether this event is of {@code type}. */
    public boolean is(AuditEventType type) {
        return this.type.equals(type.name());
    }
}
