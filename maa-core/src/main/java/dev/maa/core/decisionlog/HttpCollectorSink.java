package dev.maa.core.decisionlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Uploads batches the way OPA's decision-log plugin does: {@code POST} of a gzip-compressed JSON array of events
 * ({@code Content-Type: application/json}, {@code Content-Encoding: gzip}) to the collector's URL; any answer but
 * 2xx is a failure, and the batch is tried again at the next flush.
 */
public final class HttpCollectorSink implements DecisionSink {

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    /** Posts to {@code url} (such as {@code https://collector/logs}), each attempt bounded by {@code timeout}. */
    public HttpCollectorSink(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void write(List<String> events) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write('[');
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    gz.write(',');
                }
                gz.write(events.get(i).getBytes(StandardCharsets.UTF_8));
            }
            gz.write(']');
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(buf.toByteArray()))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted uploading decision logs to " + url, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("decision log collector " + url + " answered " + response.statusCode());
        }
    }
}
