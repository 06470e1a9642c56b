package dev.maa.server;

import dev.maa.core.config.ConfigSection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider in-process ({@code mock-oauth2-server} on loopback) and a cookie-keeping HTTP
 * "browser" that walks the console's sign-in through it, for the sign-in tests.
 */
final class OidcFixture implements AutoCloseable {

    static final String ISSUER_ID = "acme";
    static final String CLIENT_ID = "maa-console";

    final MockOAuth2Server provider = new MockOAuth2Server();

    OidcFixture() {
        provider.start(InetAddress.getLoopbackAddress(), 0);
    }

    String issuer() {
        return provider.issuerUrl(ISSUER_ID).toString();
    }

    /** {@code auth.oidc} read from YAML lines after issuer and client_id, through the config kit. */
    OidcSettings settings(String... extraLines) {
        StringBuilder yaml = new StringBuilder("auth:\n  oidc:\n    issuer: " + issuer() + "\n    client_id: "
                + CLIENT_ID + "\n    principal_claim: preferred_username\n");
        for (String line : extraLines) {
            yaml.append("    ").append(line).append('\n');
        }
        return OidcSettings.from(
                ConfigSection.parse(yaml.toString(), "maa.yaml").section("auth").section("oidc"), name -> null);
    }

    /** The next token request of the provider signs in {@code user} with {@code claims} (plus preferred_username). */
    void nextUser(String user, Map<String, Object> claims, long expirySeconds) {
        Map<String, Object> all = new LinkedHashMap<>(claims);
        all.putIfAbsent("preferred_username", user);
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, user, "JWT", null, all, expirySeconds));
    }

    void nextUser(String user) {
        nextUser(user, Map.of(), 3600);
    }

    /** An access token of the provider for the API. */
    String accessToken(String user, String audience, Map<String, Object> claims) {
        Map<String, Object> all = new LinkedHashMap<>(claims);
        all.putIfAbsent("preferred_username", user);
        return provider.issueToken(
                        ISSUER_ID,
                        user,
                        new DefaultOAuth2TokenCallback(ISSUER_ID, user, "JWT", List.of(audience), all, 600))
                .serialize();
    }

    @Override
    public void close() {
        provider.shutdown();
    }

    /** Query parameters of {@code uri}. */
    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** {@code uri} with query parameter {@code name} set to {@code value}. */
    static URI withParam(URI uri, String name, String value) {
        Map<String, String> q = query(uri);
        q.put(name, value);
        StringBuilder s = new StringBuilder();
        q.forEach((k, v) -> s.append(s.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String base = uri.toString();
        int i = base.indexOf('?');
        return URI.create((i < 0 ? base : base.substring(0, i)) + "?" + s);
    }

    /** A browser: no redirects followed, cookies of the MAA server kept (by name; tests use one server). */
    static final class Browser {
        final Map<String, String> cookies = new ConcurrentHashMap<>();
        final Map<String, String> setCookieHeaders = new ConcurrentHashMap<>();
        private final HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private final URI server;

        Browser(URI server) {
            this.server = server;
        }

        HttpResponse<String> get(URI uri) {
            return send(uri, "GET", null, Map.of());
        }

        HttpResponse<String> send(URI uri, String method, String body, Map<String, String> headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(20))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            boolean ours = uri.getPort() == server.getPort();
            if (ours && !cookies.isEmpty()) {
                StringBuilder c = new StringBuilder();
                cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ")
                        .append(k)
                        .append('=')
                        .append(v));
                b.header("Cookie", c.toString());
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            headers.forEach(b::header);
            HttpResponse<String> res;
            try {
                res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (ours) {
                for (String set : res.headers().allValues("Set-Cookie")) {
                    String pair = set.split(";", 2)[0];
                    String name = pair.substring(0, pair.indexOf('='));
                    String value = pair.substring(pair.indexOf('=') + 1);
                    setCookieHeaders.put(name, set);
                    if (value.isEmpty() || set.contains("Max-Age=0")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                }
            }
            return res;
        }

        /** {@code GET /auth/login}: the provider's authorization URL it redirects to. */
        URI startSignIn() {
            HttpResponse<String> res = get(server.resolve("/auth/login"));
            if (res.statusCode() != 302) {
                throw new AssertionError("/auth/login answered " + res.statusCode() + ": " + res.body());
            }
            return URI.create(res.headers().firstValue("Location").orElseThrow());
        }

        /** The provider's answer to {@code authorize}: the callback URL with code and state. */
        URI authorize(URI authorize) {
            HttpResponse<String> res = get(authorize);
            if (res.statusCode() != 302) {
                throw new AssertionError("the provider answered " + res.statusCode() + ": " + res.body());
            }
            return URI.create(res.headers().firstValue("Location").orElseThrow());
        }

        /** The whole sign-in; returns the callback's response. */
        HttpResponse<String> signIn() {
            return get(authorize(startSignIn()));
        }
    }
}
