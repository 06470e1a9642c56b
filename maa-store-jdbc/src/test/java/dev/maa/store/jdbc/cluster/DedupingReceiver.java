package dev.maa.store.jdbc.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.maa.notify.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback that does what the docs ask of one: verifies the signature, then processes each
 * {@code X-MAA-Event-Id} once and acknowledges repeats without processing them. It counts both, per event id.
 * {@link #hold()} makes requests wait (after they were read and processed) until released: a sender killed then
 * never learns that its delivery arrived.
 */
final class DedupingReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final byte[] SECRET = "outbox-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final Set<String> processed = ConcurrentHashMap.newKeySet();
    private final Map<String, String> what = new ConcurrentHashMap<>();
    private final Map<String, List<String>> node = new ConcurrentHashMap<>();
    private final Set<String> bad = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    DedupingReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The URL for one sender: its name is recorded with the events it delivered first ({@link #senders()}). */
    URI url(String sender) {
        return URI.create(url() + "?node=" + sender);
    }

    /** Requests wait after processing until {@link #release()}. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    /** Event ids processed: each once, at its first arrival. */
    Set<String> processed() {
        return Set.copyOf(processed);
    }

    /** All arrivals, repeats included. */
    int arrivals() {
        return arrivals.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Arrivals of one event id, repeats included. */
    int arrivals(String eventId) {
        AtomicInteger n = arrivals.get(eventId);
        return n == null ? 0 : n.get();
    }

    /** The event ids processed for {@code requestId}'s notifications of {@code kind} (e.g. SUBMITTED). */
    Set<String> eventsOf(String requestId, String kind) {
        return what.entrySet().stream()
                .filter(e -> e.getValue().equals(kind + " " + requestId))
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The senders named by the URL's query ({@code ?node=a}) of each event id's arrivals, in order. */
    Map<String, List<String>> senders() {
        Map<String, List<String>> copy = new java.util.TreeMap<>();
        node.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** Requests refused: no event id, or a signature that does not verify. */
    Set<String> refused() {
        return bad;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String eventId = ex.getRequestHeaders().getFirst(WebhookSignature.EVENT_ID_HEADER);
            boolean signed = WebhookSignature.verify(
                    SECRET,
                    ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                    body,
                    Instant.now(),
                    WebhookSignature.DEFAULT_TOLERANCE);
            if (eventId == null || !signed || !new String(body, StandardCharsets.UTF_8).contains(eventId)) {
                bad.add(String.valueOf(eventId));
                ex.sendResponseHeaders(400, -1);
                return;
            }
            arrivals.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet();
            synchronized (processed) {
                if (processed.add(eventId)) {
                    JsonNode json = JSON.readTree(body);
                    what.put(
                            eventId,
                            json.path("kind").asText() + " "
                                    + json.path("request_id").asText());
                }
            }
            String query = ex.getRequestURI().getQuery();
            node.computeIfAbsent(eventId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(query == null ? "" : query.replace("node=", ""));
            try {
                hold.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        pool.shutdownNow();
    }
}
