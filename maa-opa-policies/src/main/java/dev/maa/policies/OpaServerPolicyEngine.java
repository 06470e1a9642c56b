package dev.maa.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Decision;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.api.Principal;
import dev.maa.policies.internal.DecisionDocuments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides through an OPA server's REST Data API: {@code POST /v1/data/maa/decision} with
 * {@code {"input": …}}, answer {@code {"result": …}}. A missing result (the document is undefined, e.g.
 * the bundle is not loaded), a non-2xx answer, a timeout or an unreadable body all fail closed with
 * {@link PolicyUnavailableException}. Transport failures and 5xx answers are retried a bounded number
 * of times with exponential backoff; data queries have no side effects, so a retry is always safe.
 *
 * <p>{@link #revision()} is the bundle revision OPA reports in the {@code provenance} of its answers.
 */
public final class OpaServerPolicyEngine implements PolicyEngine {

    private static final Logger LOG = LoggerFactory.getLogger(OpaServerPolicyEngine.class);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final URI base;
    private final HttpClient client;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Duration backoff;
    private final String bearerToken;
    private volatile String revision;
    private final java.util.List<java.util.function.Consumer<String>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private OpaServerPolicyEngine(Builder b) {
        this.base = b.baseUri;
        this.client = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.readTimeout = b.readTimeout;
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
        this.bearerToken = b.bearerToken;
        this.revision = "opa:" + base;
    }

    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    @Override
    public Decision decide(PolicyInput input) {
        Object result = query("maa/decision", input.toMap());
        return DecisionDocuments.toDecision(result, revision, "OPA at " + base);
    }

    @Override
    public boolean mayReview(Principal reviewer, ApprovalRequest request) {
        Object result = query("maa/review/allowed", DecisionDocuments.reviewInput(reviewer, request));
        return DecisionDocuments.toReviewAllowed(result, revision, "OPA at " + base);
    }

    @Override
    public String revision() {
        return revision;
    }

    /** Told when OPA's answers first name another bundle revision. */
    @Override
    public Runnable onRevisionChange(java.util.function.Consumer<String> listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** Queries {@code data.<path>} with {@code input}; returns the result, never null (undefined fails closed). */
    Object query(String path, Map<String, Object> input) {
        URI uri = base.resolve("/v1/data/" + path + "?provenance=true");
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("input", input));
        } catch (JsonProcessingException e) {
            throw new PolicyUnavailableException("Cannot encode the input for OPA: " + e.getOriginalMessage(), e);
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearerToken != null) {
            rb.header("Authorization", "Bearer " + bearerToken);
        }
        HttpRequest request = rb.build();
        String lastFailure = "";
        Exception lastCause = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastCause = e;
                LOG.warn(
                        "OPA query data.{} at {} failed (attempt {}/{}): {}",
                        dotted(path),
                        base,
                        attempt,
                        maxAttempts,
                        lastFailure);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PolicyUnavailableException("Interrupted while querying OPA at " + uri + ".", e);
            }
            int status = response.statusCode();
            if (status >= 500) {
                lastFailure = "HTTP " + status + " " + abbreviate(response.body());
                LOG.warn(
                        "OPA query data.{} at {} answered {} (attempt {}/{})",
                        dotted(path),
                        base,
                        lastFailure,
                        attempt,
                        maxAttempts);
                continue;
            }
            if (status != 200) {
                throw new PolicyUnavailableException(
                        "OPA at " + uri + " refused the query with HTTP " + status + ": "
                                + abbreviate(response.body())
                                + (status == 401 || status == 403
                                        ? " Check the bearer token configured for the OPA engine."
                                        : ""),
                        null);
            }
            return result(path, uri, response.body());
        }
        throw new PolicyUnavailableException(
                "OPA at " + uri + " did not answer after " + maxAttempts + " attempt(s); last failure: " + lastFailure
                        + ".",
                lastCause);
    }

    private Object result(String path, URI uri, String body) {
        Map<?, ?> doc;
        try {
            doc = JSON.readValue(body, Map.class);
        } catch (JsonProcessingException e) {
            throw new PolicyUnavailableException(
                    "OPA at " + uri + " answered something that is not a JSON object: " + abbreviate(body), e);
        }
        Object decisionId = doc.get("decision_id");
        noteRevision(doc.get("provenance"));
        if (!doc.containsKey("result")) {
            throw new PolicyUnavailableException(
                    "data." + dotted(path) + " is undefined on OPA at " + base
                            + (decisionId == null ? "" : " (decision_id " + decisionId + ")")
                            + "; is the maa policy bundle loaded? Check OPA's /v1/status and the bundle roots maa and maa_config.",
                    null);
        }
        LOG.debug("OPA decision_id {} for data.{} (revision {})", decisionId, dotted(path), revision);
        return doc.get("result");
    }

    private void noteRevision(Object provenance) {
        if (provenance instanceof Map<?, ?> p && p.get("bundles") instanceof Map<?, ?> bundles && !bundles.isEmpty()) {
            Map<String, String> revs = new TreeMap<>();
            bundles.forEach((name, info) -> {
                if (info instanceof Map<?, ?> i && i.get("revision") != null) {
                    revs.put(String.valueOf(name), String.valueOf(i.get("revision")));
                }
            });
            if (!revs.isEmpty()) {
                String r = revs.size() == 1 ? revs.values().iterator().next() : revs.toString();
                if (!r.equals(revision)) {
                    LOG.info("OPA at {} now serves policy revision {}", base, r);
                    revision = r;
                    // the caller's thread: listeners only hand the work on (MaaEngine: to its jobs' thread)
                    for (java.util.function.Consumer<String> l : listeners) {
                        try {
                            l.accept(r);
                        } catch (RuntimeException e) {
                            LOG.warn("A listener of policy revision {} failed: {}", r, e.toString());
                        }
                    }
                }
            }
        }
    }

    private void pause(int attempt) {
        long millis = Math.min(backoff.toMillis() << Math.min(attempt - 2, 16), 10_000);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyUnavailableException("Interrupted while waiting to retry OPA at " + base + ".", e);
        }
    }

    private static String dotted(String path) {
        return path.replace('/', '.');
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    /** Builds an {@link OpaServerPolicyEngine}; every setter validates at once. */
    public static final class Builder {
        private final URI baseUri;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private int maxAttempts = 3;
        private Duration backoff = Duration.ofMillis(100);
        private String bearerToken;

        private Builder(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri");
            if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
                throw new IllegalArgumentException(
                        "OPA base URI must be http or https, e.g. http://localhost:8181; was " + baseUri);
            }
            this.baseUri = baseUri;
        }

        public Builder connectTimeout(Duration d) {
            connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration d) {
            readTimeout = positive(d, "readTimeout");
            return this;
        }

        /** Attempts per query including the first (1 = no retries); at most 10. */
        public Builder maxAttempts(int n) {
            if (n < 1 || n > 10) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 10, was " + n);
            }
            maxAttempts = n;
            return this;
        }

        /** Wait before the first retry; doubled for each further retry (capped at 10 s). */
        public Builder backoff(Duration d) {
            backoff = positive(d, "backoff");
            return this;
        }

        /** Sent as {@code Authorization: Bearer <token>} (OPA's {@code --authentication=token}). */
        public Builder bearerToken(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException(
                        "bearerToken must not be blank; leave it unset for no authentication");
            }
            bearerToken = token;
            return this;
        }

        public OpaServerPolicyEngine build() {
            return new OpaServerPolicyEngine(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
            }
            return d;
        }
    }
}
