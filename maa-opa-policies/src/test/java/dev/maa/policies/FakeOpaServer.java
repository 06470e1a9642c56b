package dev.maa.policies;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.maa.policies.internal.CompiledPolicy;
import dev.maa.rego.EvalLimits;
import dev.maa.rego.QueryResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server speaking OPA's REST Data API ({@code POST /v1/data/<path>} with
 * {@code {"input": …}} → {@code {"result": …, "decision_id": …, "provenance": …}}), since no OPA binary can
 * run here. {@link #regoBacked} answers by evaluating the policy with maa-rego, so one set of decision
 * vectors checks both engines; other handlers script faults.
 */
final class FakeOpaServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One HTTP answer. */
    record Reply(int status, String body) {}

    /** Answers one query: {@code path} like {@code maa/decision}, the request body, the headers' Authorization. */
    @FunctionalInterface
    interface Handler {
        Reply handle(String path, String body, String authorization) throws Exception;
    }

    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    FakeOpaServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/data/", exchange -> serve(exchange, handler));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange ex, Handler handler) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String path = ex.getRequestURI().getPath().substring("/v1/data/".length());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Reply reply;
            if (!"POST".equals(ex.getRequestMethod())) {
                reply = new Reply(405, "{\"code\":\"invalid_parameter\",\"message\":\"POST only\"}");
            } else {
                try {
                    reply = handler.handle(path, body, ex.getRequestHeaders().getFirst("Authorization"));
                } catch (Exception e) {
                    reply = new Reply(
                            500,
                            "{\"code\":\"internal_error\",\"message\":\""
                                    + e.getClass().getSimpleName() + "\"}");
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** Evaluates {@code data.<path>} with maa-rego on the same policy set, answering as OPA does. */
    static Handler regoBacked(PolicySet set) {
        CompiledPolicy policy = CompiledPolicy.compile(set, EvalLimits.DEFAULT);
        return (path, body, auth) -> {
            Map<?, ?> request = JSON.readValue(body, Map.class);
            QueryResult r =
                    policy.engine().prepare("data." + path.replace('/', '.')).eval(request.get("input"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("decision_id", UUID.randomUUID().toString());
            answer.put(
                    "provenance",
                    Map.of("version", "fake", "bundles", Map.of("maa", Map.of("revision", policy.revision()))));
            if (r.isDefined()) {
                answer.put("result", r.value()); // undefined: OPA leaves "result" out
            }
            return new Reply(200, JSON.writeValueAsString(answer));
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
