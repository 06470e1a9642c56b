package dev.maa.core.codec;

import dev.maa.api.Operation;
import java.util.Objects;

/**
 * A call in its parked form: the canonical JSON payload and its SHA-256 digest (hex). Approvals are bound to
 * the digest; completion refuses a payload whose digest differs.
 */
public record ParkedCall(Operation operation, String payload, String digest) {

    public ParkedCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(digest, "digest");
    }
}
