package dev.maa.notify;

import dev.maa.api.MaaException;
import java.time.Duration;
import java.util.Optional;

/**
 * A delivery attempt failed. Never reaches the approval flow: {@link QueuedNotifier} counts, logs and, when
 * {@link #retryable()}, retries it.
 *
 * <p>Retryable failures are the environment's (a timeout, HTTP 5xx, an SMTP server that is down); the others
 * are the operator's (a wrong URL or secret answered with HTTP 4xx, no e-mail address for any recipient,
 * rejected SMTP credentials), and retrying would only repeat them. The kind says which: {@code UNAVAILABLE} or
 * {@code CONFIGURATION}.
 */
public class DeliveryException extends MaaException {

    private static final long serialVersionUID = 1L;

    private final String channel;
    private final boolean retryable;
    private final transient Duration retryAfter;

    private DeliveryException(String channel, String message, boolean retryable, Throwable cause, Duration retryAfter) {
        super(retryable ? Kind.UNAVAILABLE : Kind.CONFIGURATION, message, cause);
        this.channel = channel;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** A failure a later attempt may not repeat. */
    public static DeliveryException transientFailure(String channel, String message, Throwable cause) {
        return new DeliveryException(channel, message, true, cause, null);
    }

    /** A transient failure whose server asked to wait at least {@code retryAfter} (HTTP {@code Retry-After}). */
    public static DeliveryException transientFailure(String channel, String message, Duration retryAfter) {
        return new DeliveryException(channel, message, true, null, retryAfter);
    }

    /** A failure every attempt would repeat until the operator changes something; {@code message} says what. */
    public static DeliveryException permanentFailure(String channel, String message, Throwable cause) {
        return new DeliveryException(channel, message, false, cause, null);
    }

    /** How long the server asked to wait before the next attempt, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public String channel() {
        return channel;
    }

    public boolean retryable() {
        return retryable;
    }
}
