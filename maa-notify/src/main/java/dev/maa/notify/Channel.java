package dev.maa.notify;

/**
 * One way of reaching people (a webhook, SMTP, ...), called synchronously by a {@link QueuedNotifier} worker.
 *
 * <p>A channel only makes one attempt per call; queueing, retries, backoff, metrics and logging live in
 * {@link QueuedNotifier} so every channel gets them the same way. Implementations throw
 * {@link DeliveryException} to say whether a retry could help.
 */
public interface Channel {

    /** A short, stable name used in metrics tags, log lines and thread names, e.g. {@code webhook}. */
    String name();

    /**
     * Makes one delivery attempt.
     *
     * @throws DeliveryException    the attempt failed; {@link DeliveryException#retryable()} says whether to retry
     * @throws InterruptedException the notifier is shutting down past its drain timeout
     */
    void deliver(Delivery delivery) throws InterruptedException;
}
