package dev.maa.notify;

import dev.maa.api.Notification;
import dev.maa.notify.internal.HttpPost;
import dev.maa.notify.internal.Rendering;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Posts each notification as JSON to one URL, signed with HMAC-SHA256 (see {@link WebhookSignature} for the
 * headers and the receiver's verification recipe).
 *
 * <p>The body has a {@code text} field, so Slack and Teams incoming webhooks show it as a message, and structured
 * fields for automation: {@code kind}, {@code request_id}, {@code resource}, {@code resource_type},
 * {@code object_id}, {@code action}, {@code operation}, {@code requester}, {@code status}, {@code justification},
 * {@code urgent}, {@code emergency}, {@code link}, {@code approver_groups}, {@code recipients}, {@code expires_at},
 * {@code updated_at}.
 *
 * <p>HTTP 2xx is success. 408, 425, 429, 5xx and I/O errors (including the timeout) are retried; any other status
 * is a configuration problem (wrong URL, wrong secret) and is not. Redirects are not followed, so a signed body
 * never travels to a host nobody configured. Log lines and messages show the URL's scheme, host and port only:
 * chat webhook URLs carry their credential in the path.
 */
public final class WebhookChannel implements Channel {

    private final String name;
    private final URI url;
    private final String redactedUrl;
    private final byte[] secret;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;
    private final Rendering rendering;

    private WebhookChannel(Builder b) {
        this.name = b.name;
        this.url = b.url;
        this.redactedUrl = HttpPost.redact(b.url);
        this.secret = b.secret.clone();
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.client = b.client();
        this.rendering = new Rendering(b.linkTemplate);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Delivery delivery) throws InterruptedException {
        Notification n = delivery.notification();
        byte[] body = rendering.webhookBody(n);
        long ts = clock.instant().getEpochSecond();
        HttpRequest request = HttpPost.json(url, timeout, body)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, ts, body))
                .header(WebhookSignature.DELIVERY_HEADER, delivery.id())
                .header(WebhookSignature.EVENT_ID_HEADER, n.eventId())
                .header(WebhookSignature.EVENT_HEADER, n.kind().name())
                .build();
        HttpPost.send(
                client, request, name, "check notifications.webhook.url and that the receiver uses the same secret");
    }

    @Override
    public String toString() {
        return "WebhookChannel[" + name + ", " + redactedUrl + ", timeout " + timeout + "]";
    }

    /** Configures a webhook channel; every setter validates at once. */
    public static final class Builder extends ChannelBuilder.Http<Builder> {
        private URI url;
        private byte[] secret;

        private Builder() {
            super("webhook", Duration.ofSeconds(10), false);
        }

        /** Required: an absolute http(s) URL. */
        public Builder url(URI value) {
            url = HttpPost.checkUrl(value, "webhook url");
            return this;
        }

        public Builder url(String value) {
            return url(URI.create(Objects.requireNonNull(value, "url")));
        }

        /** Required: the shared HMAC secret, at least 16 bytes; e.g. from {@code openssl rand -hex 32}. */
        public Builder secret(byte[] value) {
            Objects.requireNonNull(value, "secret");
            if (value.length < 16) {
                throw new IllegalArgumentException("webhook secret has " + value.length + " bytes; use at least 16,"
                        + " e.g. the output of `openssl rand -hex 32`");
            }
            secret = value.clone();
            return this;
        }

        public Builder secret(String value) {
            return secret(Objects.requireNonNull(value, "secret").getBytes(StandardCharsets.UTF_8));
        }

        public WebhookChannel build() {
            if (url == null || secret == null) {
                throw new IllegalStateException("WebhookChannel.builder(): url(...) and secret(...) are required");
            }
            return new WebhookChannel(this);
        }
    }
}
