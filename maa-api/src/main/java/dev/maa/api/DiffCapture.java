package dev.maa.api;

import java.util.Optional;

/**
 * SPI: the before/after of calls on one resource type, captured once when a call is parked and kept with the
 * request ({@link ApprovalRequest#diff()}). Registered on the engine that parks the calls, because the host
 * service knows the object's current state; maa-server's {@code DiffProvider} is one.
 *
 * <p>Called with the request about to be stored (status {@code NEEDS_APPROVAL}, or a break-glass request about to
 * run). It must not modify anything. A capture that throws or returns empty leaves the request without a diff
 * (logged); the call is parked all the same, and readers show that no diff was captured.
 */
public interface DiffCapture {

    /** The resource type this capture knows, as policies spell it: {@code APP}, {@code CUSTOM:billing}. */
    String resourceType();

    /** The change {@code parked} would make, or empty when there is nothing meaningful to compare. */
    Optional<CapturedDiff> capture(ApprovalRequest parked);
}
