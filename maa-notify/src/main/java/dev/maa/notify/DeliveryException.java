package dev.maa.notify;

import dev.maa.api.MaaException;

/**
 * A delivery attempt failed. Never reaches the approval flow: {@link QueuedNotifier} counts, logs and, when
 * {@link #retryable()}, retries it.
 *
 * <p>Retryable failures are the environment's (a timeout, HTTP 5xx, an SMTP server that is down); the others
 * are the operator's (a wrong URL or secret answered with HTTP 4xx, no e-mail address for any recipient,
 * rejected SMTP credentials), and retrying would only repeat them.
 */
public class DeliveryException extends MaaException {

    private static final long serialVersionUID = 1L;

    private final String channel;
    private final boolean retryable;

    private DeliveryException(String channel, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.channel = channel;
        this.retryable = retryable;
    }

    /** A failure a later attempt may not repeat. */
    public static DeliveryException transientFailure(String channel, String message, Throwable cause) {
        return new DeliveryException(channel, message, true, cause);
    }

    /** A failure every attempt would repeat until the operator changes something; {@code message} says what. */
    public static DeliveryException permanentFailure(String channel, String message, Throwable cause) {
        return new DeliveryException(channel, message, false, cause);
    }

    public String channel() {
        return channel;
    }

    public boolean retryable() {
        return retryable;
    }

    @Override
    public Responsible responsible() {
        return retryable ? Responsible.ENVIRONMENT : Responsible.OPERATOR;
    }
}
