package dev.maa.cli.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.maa.cli.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A minimal but real RFC 8628 front for the test's provider, over real HTTP on loopback: mock-oauth2-server 2.1.10
 * has no device authorization grant (its grant handlers are authorization_code, refresh_token, client_credentials,
 * password, jwt-bearer and token-exchange). It serves a discovery document (the provider's, plus its own
 * {@code device_authorization_endpoint} and {@code token_endpoint}), the device authorization endpoint, a verification
 * endpoint where the "user" approves or denies a user code, and a token endpoint that answers the device code grant
 * from its state and forwards every other grant (refresh) to the provider's token endpoint. An approved device code
 * is exchanged for the provider's own tokens through the provider's authorization code flow, so every token the CLI
 * gets is signed by the provider.
 */
final class DeviceEndpoint implements AutoCloseable {

    private final Testbed bed;
    private final HttpServer http;
    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Error codes the token endpoint answers to the next device code polls, before its state decides. */
    final Deque<String> script = new ConcurrentLinkedDeque<>();
    /** The grant types the token endpoint received, in order. */
    final List<String> grants = Collections.synchronizedList(new ArrayList<>());

    volatile int interval = 1;
    volatile int expiresIn = 600;
    /** When set, a new device code is approved at once for this user (the user acted before the first poll). */
    volatile String autoApprove;

    private volatile String deviceCode;
    private volatile String userCode;
    private volatile String decision; // null: pending; "deny"; else the approving user's id

    DeviceEndpoint(Testbed bed) throws IOException {
        this.bed = bed;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        http.createContext("/default/.well-known/openid-configuration", this::discovery);
        http.createContext("/device_authorization", this::deviceAuthorization);
        http.createContext("/device", this::verify);
        http.createContext("/token", this::token);
        http.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    URI issuer() {
        return URI.create(base() + "/default");
    }

    URI verificationUri() {
        return URI.create(base() + "/device");
    }

    private void discovery(HttpExchange x) throws IOException {
        HttpResponse<String> r =
                get(bed.provider.wellKnownUrl(Testbed.ISSUER_ID).uri());
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(r.body());
        doc.put("issuer", issuer().toString());
        doc.put("device_authorization_endpoint", base() + "/device_authorization");
        doc.put("token_endpoint", base() + "/token");
        reply(x, 200, Json.mapper().writeValueAsString(doc));
    }

    private void deviceAuthorization(HttpExchange x) throws IOException {
        Map<String, String> form = form(x);
        if (!Testbed.CLIENT_ID.equals(form.get("client_id"))) {
            reply(x, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        deviceCode = UUID.randomUUID().toString();
        userCode = "WDJB-MJHT";
        decision = autoApprove;
        reply(
                x,
                200,
                "{\"device_code\":\"" + deviceCode + "\",\"user_code\":\"" + userCode + "\",\"verification_uri\":\""
                        + verificationUri() + "\",\"verification_uri_complete\":\"" + verificationUri()
                        + "?user_code=" + userCode + "\",\"expires_in\":" + expiresIn + ",\"interval\":" + interval
                        + "}");
    }

    /** The user's browser: {@code user_code} and either {@code user} (approve as) or {@code deny}. */
    private void verify(HttpExchange x) throws IOException {
        Map<String, String> form = form(x);
        if (userCode == null || !userCode.equals(form.get("user_code"))) {
            reply(x, 400, "{\"error\":\"unknown user code\"}");
            return;
        }
        decision = form.containsKey("deny") ? "deny" : form.get("user");
        reply(x, 200, "{}");
    }

    /** Approves (or denies) the shown code as a user would in the browser, over HTTP. */
    void actAsUser(String shownCode, String formFields) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(verificationUri())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "user_code=" + URLEncoder.encode(shownCode, StandardCharsets.UTF_8) + "&" + formFields))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the verification page refused " + shownCode + ": " + r.body());
        }
    }

    private void token(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        Map<String, String> form = parse(new String(body, StandardCharsets.UTF_8));
        String grant = form.getOrDefault("grant_type", "");
        grants.add(grant);
        if (!grant.equals("urn:ietf:params:oauth:grant-type:device_code")) {
            HttpResponse<String> r =
                    post(bed.provider.tokenEndpointUrl(Testbed.ISSUER_ID).uri(), body);
            reply(x, r.statusCode(), r.body());
            return;
        }
        if (deviceCode == null || !deviceCode.equals(form.get("device_code"))) {
            reply(x, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String scripted = script.poll();
        if (scripted != null) {
            reply(x, 400, "{\"error\":\"" + scripted + "\"}");
            return;
        }
        String d = decision;
        if (d == null) {
            reply(x, 400, "{\"error\":\"authorization_pending\"}");
        } else if (d.equals("deny")) {
            reply(x, 400, "{\"error\":\"access_denied\"}");
        } else {
            deviceCode = null; // a device code is redeemed once
            HttpResponse<String> tokens = providerTokensFor(d);
            reply(x, tokens.statusCode(), tokens.body());
        }
    }

    /** The provider's tokens for {@code user}, through its authorization code flow. */
    private HttpResponse<String> providerTokensFor(String user) throws IOException {
        bed.nextSignIn(user);
        String redirect = "http://127.0.0.1:9/unused";
        URI authorize = URI.create(bed.provider.authorizationEndpointUrl(Testbed.ISSUER_ID) + "?client_id="
                + Testbed.CLIENT_ID + "&response_type=code&scope=openid%20offline_access&state=s&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
        String location = get(authorize).headers().firstValue("Location").orElseThrow();
        String code = parse(URI.create(location).getRawQuery()).get("code");
        String form = "grant_type=authorization_code&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&client_id=" + Testbed.CLIENT_ID + "&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        return post(bed.provider.tokenEndpointUrl(Testbed.ISSUER_ID).uri(), form.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private HttpResponse<String> post(URI uri, byte[] form) throws IOException {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form))
                .build());
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException {
        try {
            return client.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Map<String, String> form(HttpExchange x) throws IOException {
        return parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> m = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return m;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            m.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void reply(HttpExchange x, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream os = x.getResponseBody()) {
            os.write(b);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
