package dev.maa.api;

import java.util.Optional;

/**
 * Finds the object an approved call runs on when it is replayed, e.g. a registered service instance,
 * a singleton, or a bean from a Spring context. Static methods need no target.
 */
@FunctionalInterface
public interface TargetResolver {

    /** An instance of {@code type} to invoke the parked method on, or empty if this resolver has none. */
    Optional<Object> resolve(Class<?> type);
}
