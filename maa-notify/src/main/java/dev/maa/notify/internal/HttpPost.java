package dev.maa.notify.internal;

import dev.maa.notify.DeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * One JSON POST of an HTTP channel (webhook, Slack, Teams) and what its answer means: 2xx is success; 408, 425,
 * 429, 5xx and I/O errors (the timeout included) can be retried, with the {@code Retry-After} seconds when given;
 * any other status is a configuration problem and is not retried.
 *
 * <p>Why one place: every HTTP channel must classify failures the same way for the retry policy, follow no
 * redirect (a body never travels to a host nobody configured) and show URLs without their path (chat webhook URLs
 * carry their credential there).
 */
public final class HttpPost {

    private HttpPost() {}

    /** {@code value} if it is an absolute http(s) URL with a host; otherwise a clear error naming {@code what}. */
    public static URI checkUrl(URI value, String what) {
        Objects.requireNonNull(value, what);
        if (!value.isAbsolute()
                || value.getHost() == null
                || !("https".equals(value.getScheme()) || "http".equals(value.getScheme()))) {
            throw new IllegalArgumentException(what + " must be an absolute http(s) URL with a host, was '"
                    + (value.getHost() == null ? "<no host>" : redact(value)) + "'");
        }
        return value;
    }

    /** Scheme, host and port only: for log lines and messages. */
    public static String redact(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/...";
    }

    /** A client that follows no redirect. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A POST of {@code body} as JSON to {@code url}, to add headers to. */
    public static HttpRequest.Builder json(URI url, Duration timeout, byte[] body) {
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "maa-notify")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** A PUT of {@code body} as JSON to {@code url} (an update of something posted before), to add headers to. */
    public static HttpRequest.Builder jsonPut(URI url, Duration timeout, byte[] body) {
        return json(url, timeout, body).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /**
     * Sends {@code request}; the answer's body if its status is 2xx.
     *
     * @param fix what to check when the status is permanent, e.g. {@code check notifications.webhook.url}
     * @throws DeliveryException the attempt failed, retryable or not as above
     */
    public static String send(HttpClient client, HttpRequest request, String channel, String fix)
            throws InterruptedException {
        return send(client, request, channel, fix, 0);
    }

    /**
     * As {@link #send(HttpClient, HttpRequest, String, String)}, answering {@code null} when the status is
     * {@code gone} (e.g. 404 for an update of a message that was deleted) instead of failing.
     */
    public static String send(HttpClient client, HttpRequest request, String channel, String fix, int gone)
            throws InterruptedException {
        String where = request.method() + " to " + redact(request.uri());
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw DeliveryException.transientFailure(channel, where + " failed: " + e, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        if (status == gone) {
            return null;
        }
        String message = where + " answered HTTP " + status;
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw DeliveryException.transientFailure(channel, message, retryAfter(response));
        }
        throw DeliveryException.permanentFailure(channel, message + "; " + fix + " (not retried)", null);
    }

    /** {@code Retry-After} in seconds; the HTTP-date form is ignored (the backoff applies). */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(v -> v.trim().matches("\\d{1,9}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
                .orElse(null);
    }
}
