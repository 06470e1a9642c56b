package dev.maa.notify.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A webhook receiver on 127.0.0.1: records every request, answers with scripted statuses (then 200), and can
 * hold requests until released, to model a hanging endpoint.
 */
public final class WebhookServer implements AutoCloseable {

    /** One received request. */
    public record Received(Map<String, List<String>> headers, byte[] body, String path, String method) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private volatile IntSupplier fallback = () -> 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final Map<String, String> headers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.Function<Received, String> answers = r -> "";

    public WebhookServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", this::handle);
        server.createContext("/api", this::handle);
        server.createContext("/bot", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook/T000/secret-path");
    }

    /** The next requests get these statuses, in order; later ones get the fallback. */
    public WebhookServer respond(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    /** Answers every request with the body {@code answer} makes of it (e.g. a Slack Web API answer); default none. */
    public WebhookServer answer(java.util.function.Function<Received, String> answer) {
        answers = answer;
        return this;
    }

    /** The URL of the Slack-Web-API-like base path on this server, e.g. for {@code /api/chat.postMessage}. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
    }

    /**
     * The base of the Bot-Framework-like paths on this server: {@code bot/token} for the OAuth2 token endpoint and
     * {@code bot/teams/} as a conversation's service URL.
     */
    public URI botUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/bot/");
    }

    /** Adds a header to every response. */
    public WebhookServer header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public WebhookServer otherwise(int status) {
        fallback = () -> status;
        return this;
    }

    /** Requests wait until the returned latch is counted down. */
    public CountDownLatch hang() {
        CountDownLatch latch = new CountDownLatch(1);
        hold = latch;
        return latch;
    }

    /** Waits until the first request has arrived (and is possibly hanging). */
    public boolean awaitFirstRequest() throws InterruptedException {
        return entered.await(30, TimeUnit.SECONDS);
    }

    public List<Received> received() {
        return received;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Received r = new Received(
                    Map.copyOf(ex.getRequestHeaders()),
                    ex.getRequestBody().readAllBytes(),
                    ex.getRequestURI().getRawPath(),
                    ex.getRequestMethod());
            received.add(r);
            entered.countDown();
            try {
                hold.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            Integer s = script.poll();
            byte[] answer = answers.apply(r).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(s != null ? s : fallback.getAsInt(), answer.length == 0 ? -1 : answer.length);
            ex.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
