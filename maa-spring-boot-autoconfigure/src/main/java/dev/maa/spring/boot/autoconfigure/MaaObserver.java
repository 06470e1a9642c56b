package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.Notification;
import dev.maa.api.PolicyEngine;

/**
 * Watches the auto-configured engine without replacing a part: sees every decision the policy engine makes (before
 * the decision cache, so cached allows are not seen) and every notification of a transition. Beans of this type are
 * picked up by the engine bean; the actuator's metrics are one.
 *
 * <p>Why not a {@link dev.maa.api.Notifier} bean: a notifier bean replaces the configured notifications (the
 * auto-configuration backs off for it), while observers only add to them.
 */
public interface MaaObserver {

    /** The policy engine to use instead of {@code engine}, usually a decorator of it. */
    default PolicyEngine observe(PolicyEngine engine) {
        return engine;
    }

    /** A notification the engine sent (only those with recipients are sent); must not block. */
    default void notified(Notification notification) {}
}
