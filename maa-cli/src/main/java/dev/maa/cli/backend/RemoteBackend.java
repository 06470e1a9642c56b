package dev.maa.cli.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditVerification;
import dev.maa.api.MaaException;
import dev.maa.api.Status;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import dev.maa.core.RequestAction;
import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.AuditJsonLines;
import dev.maa.core.audit.AuditKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code maa serve} server over its REST API, authenticated with a bearer token (a dev API token or a JWT).
 * The server decides who may do what; this class only forwards and turns problem+json answers into messages
 * and exit codes. A request the server answers 401 is sent once more when the {@link TokenSource} can renew its
 * token (the tokens of {@code maa login}); a 401 means the server did nothing, so the retry cannot act twice.
 */
public final class RemoteBackend implements Backend {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI server;
    private final TokenSource tokens;
    private final HttpClient http;

    public RemoteBackend(URI server, String token) {
        this(server, token == null || token.isBlank() ? null : TokenSource.fixed(token));
    }

    /** A server reached with the tokens of {@code tokens}; null when there are none (refused with what to do). */
    public RemoteBackend(URI server, TokenSource tokens) {
        if (tokens == null) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "No token for " + server + ": sign in with `" + dev.maa.server.cli.CommandName.self()
                            + " login --server " + server + "`, set MAA_TOKEN"
                            + " or pass --token-file FILE (mint a dev token with `"
                            + dev.maa.server.cli.CommandName.self()
                            + " token create --user USER` on the server's machine).");
        }
        this.server = server.toString().endsWith("/") ? server : URI.create(server + "/");
        this.tokens = tokens;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public JsonNode list(String view, Set<Status> statuses, int offset, int limit) {
        String query = "view=" + view + "&offset=" + offset + "&limit=" + limit
                + (statuses.isEmpty()
                        ? ""
                        : "&status=" + statuses.stream().map(Enum::name).collect(Collectors.joining(",")));
        return json(send(get("api/v1/requests?" + query)));
    }

    /** How every approver key is trusted, and the key changes awaiting approval: {@code GET /api/v1/passkeys/trust}. */
    public JsonNode keyTrust() {
        return json(send(get("api/v1/passkeys/trust")));
    }

    /** Who the server takes the caller for: {@code GET /api/v1/me}. */
    public JsonNode me() {
        return json(send(get("api/v1/me")));
    }

    @Override
    public JsonNode show(String id) {
        return json(send(get("api/v1/requests/" + encode(id))));
    }

    @Override
    public JsonNode act(String id, RequestAction action, Map<String, String> body) {
        HttpRequest request = base("api/v1/requests/" + encode(id) + "/" + action.wireName())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .build();
        return json(send(request));
    }

    @Override
    public long exportAudit(Writer out) {
        try (BufferedReader lines = auditLines()) {
            long n = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    out.write(line);
                    out.write('\n');
                    n++;
                }
            }
            out.flush();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the audit trail from " + server + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * With the audit key here ({@code MAA_AUDIT_KEY} or {@code MAA_AUDIT_KEY_FILE}): downloads the trail and recomputes
     * every keyed hash here, so a server cannot vouch for itself. Without it no keyed hash can be checked here, so the
     * server's own verification ({@code GET /api/v1/audit/verify}) answers.
     */
    @Override
    public AuditVerification verifyAudit() {
        Optional<AuditKey> key = AuditKey.configured(System.getenv());
        if (key.isEmpty()) {
            JsonNode v = json(send(get("api/v1/audit/verify")));
            List<String> problems = new ArrayList<>();
            v.path("problems").forEach(p -> problems.add(p.asText()));
            return new AuditVerification(v.path("entriesChecked").asLong(), problems);
        }
        AuditChain chain = AuditChain.keyed(key.get());
        List<AuditEntry> entries = new ArrayList<>();
        try (BufferedReader lines = auditLines()) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                entries.add(AuditJsonLines.parse(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the audit trail from " + server + " failed: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            return new AuditVerification(0, List.of());
        }
        AuditEntry first = entries.get(0);
        return first.seq() == 1
                ? chain.verify(entries)
                : chain.verify(entries, first.seq(), first.prevHash()); // after a purge: from the anchor
    }

    @Override
    public String describe() {
        return server.toString();
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads are daemons
    }

    private BufferedReader auditLines() {
        HttpResponse<InputStream> r = sendRaw(get("api/v1/audit"), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw problem(r.statusCode(), body);
        }
        return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    }

    private HttpRequest get(String path) {
        return base(path).GET().build();
    }

    private HttpRequest.Builder base(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT).header("Accept", "application/json");
    }

    private String send(HttpRequest request) {
        HttpResponse<String> r = sendRaw(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() / 100 != 2) {
            throw problem(r.statusCode(), r.body());
        }
        return r.body();
    }

    private <T> HttpResponse<T> sendRaw(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> r = sendOnce(withToken(request, tokens.current()), handler);
        if (r.statusCode() == 401) {
            Optional<String> renewed = tokens.renewAfterUnauthorized();
            if (renewed.isPresent()) {
                discard(r);
                return sendOnce(withToken(request, renewed.get()), handler);
            }
        }
        return r;
    }

    private static HttpRequest withToken(HttpRequest request, String token) {
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", "Bearer " + token)
                .build();
    }

    private static void discard(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the answer was a refusal; nothing in it is needed
            }
        }
    }

    private <T> HttpResponse<T> sendOnce(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new CliException(
                    ExitCodes.UNAVAILABLE,
                    "Cannot reach " + server + " (connection refused). Is `maa serve`"
                            + " running there? Nothing was changed.");
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.UNAVAILABLE,
                    "Talking to " + server + " failed: " + e.getMessage()
                            + ". The request may or may not have been applied; check with `maa requests show`.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "Interrupted while waiting for " + server);
        }
    }

    /**
     * A problem+json answer as a message and an exit code: the one {@link ExitCodes#of(MaaException.Kind)} gives
     * for its {@code kind}, as if the error had been met locally. Answers without a kind (a proxy, an older server,
     * the HTTP layer) fall back to their status.
     */
    static CliException problem(int status, String body) {
        String text;
        MaaException.Kind kind = null;
        String requestId = null;
        try {
            JsonNode p = Json.mapper().readTree(body);
            text = p.path("title").asText("HTTP " + status)
                    + (p.path("detail").asText("").isEmpty()
                            ? ""
                            : ": " + p.path("detail").asText());
            kind = kind(p.path("kind").asText(""));
            requestId = p.hasNonNull("requestId") ? p.get("requestId").asText() : null;
        } catch (IOException | RuntimeException e) {
            text = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip());
        }
        if (kind != null) {
            return new CliException(ExitCodes.of(kind), text, kind, requestId);
        }
        int code = switch (status) {
            case 400, 422 -> ExitCodes.USAGE;
            case 401, 403 -> ExitCodes.NOT_ALLOWED;
            case 404 -> ExitCodes.NOT_FOUND;
            case 409 -> ExitCodes.CONFLICT;
            case 502, 503, 504 -> ExitCodes.UNAVAILABLE;
            default -> ExitCodes.FAILED;
        };
        return new CliException(code, text);
    }

    private static MaaException.Kind kind(String name) {
        for (MaaException.Kind k : MaaException.Kind.values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    private static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.FAILED, "The server answered something that is not JSON: " + e.getMessage());
        }
    }

    private static String write(Map<String, String> body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
