package dev.maa.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies and verifies them, the same way a receiver should.
 *
 * <p>The recipe (receivers in any language can follow it):
 * <ol>
 *   <li>Read the raw request body as bytes, before any JSON parsing.</li>
 *   <li>Read {@code X-MAA-Timestamp} (Unix seconds) and {@code X-MAA-Signature} ({@code sha256=<hex>}).</li>
 *   <li>Reject the request if the timestamp is more than 5 minutes from your clock: a captured request
 *       cannot be replayed later, because changing the timestamp breaks the signature.</li>
 *   <li>Compute {@code HMAC-SHA256(key = shared secret as UTF-8, message = timestamp + "." + body)} and hex-encode
 *       it in lower case.</li>
 *   <li>Compare it with the hex after {@code sha256=} in constant time (e.g. {@code MessageDigest.isEqual},
 *       Python's {@code hmac.compare_digest}); reject on mismatch.</li>
 *   <li>Remember {@code X-MAA-Event-Id} (also {@code event_id} in the signed body) and ignore repeats: a retry
 *       after a timeout, or a delivery repeated by another node or after a crash, carries the same event id (and a
 *       fresh timestamp and signature).</li>
 * </ol>
 * For example, with a shell: {@code printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET"}.
 */
public final class WebhookSignature {

    /** {@code sha256=} followed by the lower-case hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static final String SIGNATURE_HEADER = "X-MAA-Signature";
    /** Unix seconds when the attempt was signed; part of the signed message. */
    public static final String TIMESTAMP_HEADER = "X-MAA-Timestamp";
    /** Stable id of the notification across retries, for de-duplication; the same as {@link #EVENT_ID_HEADER}. */
    public static final String DELIVERY_HEADER = "X-MAA-Delivery";
    /**
     * {@link dev.maa.api.Notification#eventId()}: stable across retries, restarts and nodes (it is stored in the
     * outbox with the transition), and signed as the body's {@code event_id}.
     */
    public static final String EVENT_ID_HEADER = "X-MAA-Event-Id";
    /** The notification kind, e.g. {@code SUBMITTED}, for routing without parsing the body. */
    public static final String EVENT_HEADER = "X-MAA-Event";
    /** How far a receiver should accept timestamps from its own clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String PREFIX = "sha256=";

    private WebhookSignature() {}

    /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code epochSeconds}. */
    public static String sign(byte[] secret, long epochSeconds, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, epochSeconds, body));
    }

    /**
     * Whether {@code signatureHeader} is a valid signature of {@code body} at {@code timestampHeader}, and that
     * timestamp lies within {@code tolerance} of {@code now}.
     */
    public static boolean verify(
            byte[] secret,
            String timestampHeader,
            String signatureHeader,
            byte[] body,
            Instant now,
            Duration tolerance) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
            return false;
        }
        long ts;
        byte[] given;
        try {
            ts = Long.parseLong(timestampHeader.trim());
            given = HexFormat.of()
                    .parseHex(signatureHeader.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(ts), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, ts, body), given);
    }

    private static byte[] hmac(byte[] secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
