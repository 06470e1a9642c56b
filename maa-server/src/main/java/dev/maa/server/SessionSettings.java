package dev.maa.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a console session lasts and when its cookie is marked {@code Secure}. A session ends after
 * {@code idleTimeout} without a request and, whatever its use, {@code lifetime} after sign-in, so that a browser
 * left signed in does not keep a reviewer's power for good.
 *
 * @param trustForwardedProto whether {@code X-Forwarded-Proto: https} from a TLS-terminating proxy counts as https
 *     (only set it when every request reaches the server through that proxy)
 */
public record SessionSettings(Duration idleTimeout, Duration lifetime, boolean trustForwardedProto) {

    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    public SessionSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(lifetime, "lifetime");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || lifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException(
                    "A session needs 0 < idleTimeout <= lifetime, was " + idleTimeout + " and " + lifetime);
        }
    }

    /** 30 minutes idle, 12 hours at most, no proxy trusted. */
    public static SessionSettings defaults() {
        return new SessionSettings(DEFAULT_IDLE, DEFAULT_LIFETIME, false);
    }
}
