package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.maa.api.Status;
import dev.maa.server.OidcFixture.Browser;
import dev.maa.server.internal.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's OpenID Connect sign-in and the API's provider tokens, against a real provider in-process
 * ({@link OidcFixture}): the whole code flow with PKCE, then each check that must refuse a sign-in or a request.
 */
class OidcSignInTest {

    private static OidcFixture idp;
    private static TestServer t;
    private static String origin;

    @BeforeAll
    static void start() {
        idp = new OidcFixture();
        t = new TestServer(
                AuthConfig.oidc(idp.settings("service_accounts: [ci-bot]", "service_account_claim: idtyp=app"), null));
        origin = "http://" + t.server.uri().getRawAuthority();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void signIn_givesOnlyAnOpaqueSessionCookie_withItsAttributes() {
        idp.nextUser("bob");
        Browser b = new Browser(t.server.uri());

        HttpResponse<String> res = b.signIn();

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("Signed in as bob", "url=/console/");
        String cookie = b.setCookieHeaders.get("maa_session");
        assertThat(cookie)
                .contains("; Path=/", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure");
        assertThat(b.cookies.get("maa_session")).hasSize(43).doesNotContain(".");
        assertThat(b.cookies).doesNotContainKey("maa_login");
        JsonNode me = json(b.get(t.uri("/api/v1/me")));
        assertThat(me.path("id").asText()).isEqualTo("bob");
        assertThat(me.path("groups").toString()).contains("App Approvers");
        assertThat(me.path("groupsSource").asText()).isEqualTo("directory");
        assertThat(Instant.parse(me.path("tokenExpiresAt").asText())).isAfter(Instant.now());
    }

    @Test
    void signedInReviewer_approvesAnotherAdminsRequest_withOriginAndCsrfToken() {
        String id = t.parkUpdate("alice", "app-oidc", "CHG-5001 roll out");
        idp.nextUser("bob");
        Browser b = new Browser(t.server.uri());
        b.signIn();
        String csrf = json(b.get(t.uri("/auth/session"))).path("csrfToken").asText();
        assertThat(csrf).hasSize(43);

        HttpResponse<String> approved = b.send(
                t.uri("/api/v1/requests/" + id + "/approve"),
                "POST",
                "{\"notes\":\"checked\"}",
                Map.of("Origin", origin, "X-MAA-CSRF", csrf));

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(t.request(id).status()).isEqualTo(Status.APPROVED);
        assertThat(t.request(id).reviews().get(0).reviewer()).isEqualTo("bob");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALICE", "Alice", "\uff41\uff4c\uff49\uff43\uff45"})
    void signedInRequester_underAnotherSpellingOfTheirId_cannotApproveTheirOwnRequest(String spelling) {
        String id = t.parkUpdate("alice", "app-spelling-" + Math.abs(spelling.hashCode()), "CHG-5002 roll out");
        idp.nextUser(spelling);
        Browser b = new Browser(t.server.uri());
        b.signIn();
        String csrf = json(b.get(t.uri("/auth/session"))).path("csrfToken").asText();

        HttpResponse<String> refused = b.send(
                t.uri("/api/v1/requests/" + id + "/approve"),
                "POST",
                "{\"notes\":\"mine\"}",
                Map.of("Origin", origin, "X-MAA-CSRF", csrf));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(b.get(t.uri("/api/v1/me"))).path("id").asText()).isEqualTo("alice");
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void approve_fromAnotherOrigin_orWithoutCsrfToken_isRefused() {
        String id = t.parkUpdate("alice", "app-csrf", "CHG-5002");
        idp.nextUser("bob");
        Browser b = new Browser(t.server.uri());
        b.signIn();
        String csrf = json(b.get(t.uri("/auth/session"))).path("csrfToken").asText();
        URI approve = t.uri("/api/v1/requests/" + id + "/approve");

        HttpResponse<String> foreign =
                b.send(approve, "POST", "{}", Map.of("Origin", "https://evil.example", "X-MAA-CSRF", csrf));
        HttpResponse<String> noOrigin = b.send(approve, "POST", "{}", Map.of("X-MAA-CSRF", csrf));
        HttpResponse<String> noToken = b.send(approve, "POST", "{}", Map.of("Origin", origin));
        HttpResponse<String> wrongToken =
                b.send(approve, "POST", "{}", Map.of("Origin", origin, "X-MAA-CSRF", csrf + "x"));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("Cross-origin request refused", "https://evil.example");
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("X-MAA-CSRF");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(t.request(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void callback_withWrongState_isRefused() {
        Browser b = new Browser(t.server.uri());
        URI callback = b.authorize(b.startSignIn());

        HttpResponse<String> res = b.get(OidcFixture.withParam(callback, "state", "forged-state"));

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("state is unknown, expired or already used");
        assertThat(b.cookies).doesNotContainKey("maa_session");
    }

    @Test
    void callback_replayed_isRefused() {
        idp.nextUser("bob");
        Browser b = new Browser(t.server.uri());
        URI callback = b.authorize(b.startSignIn());
        assertThat(b.get(callback).statusCode()).isEqualTo(200);
        b.cookies.remove("maa_session");

        HttpResponse<String> replay = b.get(callback);

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(b.cookies).doesNotContainKey("maa_session");
    }

    @Test
    void code_ofAnotherSignIn_isRefused() {
        idp.nextUser("bob");
        Browser b = new Browser(t.server.uri());
        URI first = b.authorize(b.startSignIn());
        URI second = b.startSignIn();
        String secondState = OidcFixture.query(second).get("state");

        HttpResponse<String> res = b.get(OidcFixture.withParam(first, "state", secondState));

        // the code was issued for the first sign-in's PKCE challenge: the provider refuses the second's verifier
        assertThat(res.statusCode()).as(res.body()).isEqualTo(401);
        assertThat(res.body()).contains("refused the sign-in code");
        assertThat(b.cookies).doesNotContainKey("maa_session");
    }

    @Test
    void callback_fromAnotherBrowser_isRefused() {
        Browser started = new Browser(t.server.uri());
        URI callback = started.authorize(started.startSignIn());
        Browser victim = new Browser(t.server.uri());

        HttpResponse<String> res = victim.get(callback);

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("started in another browser");
        assertThat(victim.cookies).doesNotContainKey("maa_session");
    }

    @Test
    void idToken_withWrongNonce_isRefused() {
        idp.nextUser("bob");
        Browser b = new Browser(t.server.uri());
        URI authorize = OidcFixture.withParam(b.startSignIn(), "nonce", "forged-nonce");

        HttpResponse<String> res = b.get(b.authorize(authorize));

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("ID token was rejected", "nonce");
        assertThat(b.cookies).doesNotContainKey("maa_session");
    }

    @Test
    void idToken_forAnotherAudience_isRefused() {
        idp.nextUser("bob", Map.of("aud", "another-app"), 3600);
        Browser b = new Browser(t.server.uri());

        HttpResponse<String> res = b.signIn();

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("ID token was rejected", "audience");
    }

    @Test
    void idToken_expired_isRefused() {
        idp.nextUser("bob", Map.of(), -600);
        Browser b = new Browser(t.server.uri());

        HttpResponse<String> res = b.signIn();

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("ID token was rejected", "xpired");
    }

    @Test
    void signIn_withAnIdWithoutCanonicalForm_isRefusedWithAPage() {
        idp.nextUser("\u0430lice"); // Cyrillic а + Latin lice
        Browser b = new Browser(t.server.uri());

        HttpResponse<String> res = b.signIn();

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(res.body()).contains("preferred_username", "is not accepted", "Sign in again");
        assertThat(b.cookies).doesNotContainKey("maa_session");
    }

    @Test
    void providerAccessToken_authenticatesTheApi_withItsExpiry() {
        HttpResponse<String> res = t.get("/api/v1/me", idp.accessToken("carol", OidcFixture.CLIENT_ID, Map.of()));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res).path("id").asText()).isEqualTo("carol");
        assertThat(json(res).path("tokenExpiresAt").asText()).isNotBlank();
    }

    @Test
    void providerAccessToken_forAnotherAudience_isRefused() {
        HttpResponse<String> res = t.get("/api/v1/me", idp.accessToken("carol", "another-api", Map.of()));

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("aud");
    }

    @Test
    void token_signedWithAnUnknownKey_isRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-in-the-jwks").generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("not-in-the-jwks")
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(idp.issuer())
                        .audience(OidcFixture.CLIENT_ID)
                        .subject("carol")
                        .claim("preferred_username", "carol")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        jwt.sign(new RSASSASigner(stranger));

        HttpResponse<String> res = t.get("/api/v1/me", jwt.serialize());

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(t.get("/api/v1/me", idp.accessToken("carol", OidcFixture.CLIENT_ID, Map.of()))
                        .statusCode())
                .as("the provider's own keys still verify after the refetch")
                .isEqualTo(200);
    }

    @Test
    void serviceAccount_cannotReview_byListOrByClaim() {
        String id = t.parkUpdate("alice", "app-robot", "CHG-5003");
        String marked = idp.accessToken("carol", OidcFixture.CLIENT_ID, Map.of("idtyp", "app"));
        String listed = idp.accessToken("ci-bot", OidcFixture.CLIENT_ID, Map.of());

        HttpResponse<String> shown = t.get("/api/v1/requests/" + id, marked);
        HttpResponse<String> byClaim = t.post("/api/v1/requests/" + id + "/approve", marked, "{}");
        HttpResponse<String> byList = t.post("/api/v1/requests/" + id + "/reject", listed, "{\"notes\":\"no\"}");

        assertThat(json(shown).path("actions").toString()).isEqualTo("[]");
        assertThat(byClaim.statusCode()).isEqualTo(403);
        assertThat(byClaim.body()).contains("carol is a service account", "never review");
        assertThat(byList.statusCode()).isEqualTo(403);
        assertThat(json(t.get("/api/v1/me", listed)).path("serviceAccount").asBoolean())
                .isTrue();
        assertThat(t.request(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void signOut_endsTheServerSession_andSendsTheBrowserToTheProvider() {
        idp.nextUser("bob");
        Browser b = new Browser(t.server.uri());
        b.signIn();
        String session = b.cookies.get("maa_session");
        String csrf = json(b.get(t.uri("/auth/session"))).path("csrfToken").asText();

        HttpResponse<String> out =
                b.send(t.uri("/auth/logout"), "POST", null, Map.of("Origin", origin, "X-MAA-CSRF", csrf));

        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
        String redirect = json(out).path("redirect").asText();
        assertThat(redirect)
                .startsWith(idp.provider
                        .endSessionEndpointUrl(OidcFixture.ISSUER_ID)
                        .toString());
        assertThat(OidcFixture.query(URI.create(redirect))).containsKey("id_token_hint");
        assertThat(b.setCookieHeaders.get("maa_session")).contains("Max-Age=0");
        b.cookies.put("maa_session", session); // the old cookie, kept by a thief
        assertThat(b.get(t.uri("/api/v1/me")).statusCode()).isEqualTo(401);
        assertThat(json(b.get(t.uri("/auth/session"))).path("signedIn").asBoolean())
                .isFalse();
    }

    @Test
    void pastingADevToken_isRefused_withAProvider() {
        Browser b = new Browser(t.server.uri());

        HttpResponse<String> res =
                b.send(t.uri("/auth/session"), "POST", "{\"token\":\"x\"}", Map.of("Origin", origin));

        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.body()).contains("only in dev mode");
        assertThat(json(b.get(t.uri("/auth/session"))).path("mode").asText()).isEqualTo("oidc");
    }

    @Test
    void discoveryForTheCli_namesIssuerClientAndScopes() {
        JsonNode d = json(t.get("/api/v1/auth/oidc", null));

        assertThat(d.path("issuer").asText()).isEqualTo(idp.issuer());
        assertThat(d.path("clientId").asText()).isEqualTo(OidcFixture.CLIENT_ID);
        assertThat(d.path("scopes").toString()).contains("openid", "offline_access");
    }

    @Test
    void discoveryForTheCli_withoutProvider_is404() {
        try (TestServer plain = new TestServer()) {
            HttpResponse<String> res = plain.get("/api/v1/auth/oidc", null);

            assertThat(res.statusCode()).isEqualTo(404);
            assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(res.body()).contains("auth.oidc is not configured");
        }
    }

    @Test
    void sessionCookie_isSecure_behindATrustedHttpsProxy_only() {
        try (TestServer proxied = new TestServer(AuthConfig.oidc(idp.settings("trust_forwarded_proto: true"), null))) {
            idp.nextUser("bob");
            Browser b = new Browser(proxied.server.uri());
            URI callback = b.authorize(b.startSignIn());
            b.send(callback, "GET", null, Map.of("X-Forwarded-Proto", "https"));
            assertThat(b.setCookieHeaders.get("maa_session")).contains("; Secure");
        }
        idp.nextUser("bob");
        Browser untrusted = new Browser(t.server.uri());
        URI callback = untrusted.authorize(untrusted.startSignIn());
        untrusted.send(callback, "GET", null, Map.of("X-Forwarded-Proto", "https"));
        assertThat(untrusted.setCookieHeaders.get("maa_session")).doesNotContain("Secure");
    }

    @Test
    void automationTokens_workBesideTheProviders_withItsServiceAccounts() {
        AuthConfig automation = AuthConfig.hs256(TestServer.SECRET, TestServer.AUDIENCE, TestServer.ISSUER);
        try (TestServer both =
                new TestServer(AuthConfig.oidc(idp.settings("service_accounts: [deployer]"), automation))) {
            String id = both.parkUpdate("alice", "app-both", "CHG-5004");

            HttpResponse<String> pipeline = both.get("/api/v1/me", TestServer.jwt("deployer", null));
            HttpResponse<String> person =
                    both.get("/api/v1/me", idp.accessToken("carol", OidcFixture.CLIENT_ID, Map.of()));
            HttpResponse<String> hsClaimingTheProvider = both.get(
                    "/api/v1/me",
                    TestServer.jwt(
                            "carol",
                            null,
                            TestServer.SECRET,
                            OidcFixture.CLIENT_ID,
                            idp.issuer(),
                            Instant.now().plusSeconds(600)));
            HttpResponse<String> review =
                    both.post("/api/v1/requests/" + id + "/approve", TestServer.jwt("deployer", null), "{}");

            assertThat(json(pipeline).path("id").asText()).isEqualTo("deployer");
            assertThat(json(pipeline).path("serviceAccount").asBoolean()).isTrue();
            assertThat(json(person).path("id").asText()).isEqualTo("carol");
            assertThat(hsClaimingTheProvider.statusCode())
                    .as("an HS256 token naming the provider is verified with the provider's keys")
                    .isEqualTo(401);
            assertThat(review.statusCode()).isEqualTo(403);
            assertThat(both.request(id).reviews()).isEmpty();
        }
    }

    private static JsonNode json(HttpResponse<String> res) {
        return Json.readOrNull(res.body());
    }
}
