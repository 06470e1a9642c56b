/**
 * Notifications for MAA: {@link dev.maa.api.Notifier} implementations that tell approvers about new requests
 * and requesters about outcomes, through a signed webhook ({@link dev.maa.notify.WebhookChannel}) and e-mail
 * ({@link dev.maa.notify.EmailChannel}).
 *
 * <p>Why queued: core calls {@code notify} after a transition committed, on the approving thread. A
 * {@link dev.maa.notify.QueuedNotifier} only enqueues there and delivers on its own thread with bounded,
 * jittered retries, so a slow or dead endpoint never delays or fails an approval; losses are counted
 * ({@code maa.notify.*} meters) and logged. Start from {@link dev.maa.notify.Notifiers} and
 * {@link dev.maa.notify.NotificationsConfig}; receivers verify webhooks as {@link dev.maa.notify.WebhookSignature}
 * describes. {@code dev.maa.notify.internal} is implementation and may change without notice.
 */
package dev.maa.notify;
