package dev.maa.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import dev.maa.server.cli.CommandName;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * An OpenID Connect provider as {@code maa} uses it: found from a server ({@code GET /api/v1/auth/oidc}) or named
 * with {@code --issuer}/{@code --client-id}, discovered from the issuer's {@code /.well-known/openid-configuration},
 * and its token and revocation endpoints. {@code maa} is a public client: it has no secret, which is why the browser
 * flow uses PKCE. The protocol messages are Nimbus OAuth 2.0 SDK's.
 *
 * <p>The issuer must use https; plain http only on a loopback address (a provider on this machine), since tokens and
 * codes cross that connection.
 */
public final class OidcProvider {

    /** Scopes asked for when neither the server nor {@code --scope} names any: sign-in and a refresh token. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "offline_access");

    static final int TIMEOUT_MILLIS = 15_000;

    private final OIDCProviderMetadata metadata;
    private final ClientID clientId;
    private final List<String> scopes;

    private OidcProvider(OIDCProviderMetadata metadata, String clientId, List<String> scopes) {
        this.metadata = metadata;
        this.clientId = new ClientID(clientId);
        this.scopes = List.copyOf(scopes);
    }

    /** What a server says about its provider, or what {@code --issuer}/{@code --client-id} named. */
    public record Settings(URI issuer, String clientId, List<String> scopes) {}

    /**
     * The provider {@code server} signs in with ({@code GET /api/v1/auth/oidc}, unauthenticated).
     *
     * @throws CliException (configuration) when the server has no provider configured
     */
    public static Settings ofServer(URI server) {
        URI url = URI.create(CredentialsFile.key(server) + "/api/v1/auth/oidc");
        HttpResponse<String> r;
        try {
            r = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
                    .build()
                    .send(
                            HttpRequest.newBuilder(url)
                                    .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
                                    .header("Accept", "application/json")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.UNAVAILABLE,
                    "Cannot ask " + server + " which identity provider it uses (" + e.getMessage() + "). Is `"
                            + CommandName.self() + " serve` running there?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "Interrupted while asking " + server + " for its provider");
        }
        if (r.statusCode() == 404) {
            throw new CliException(
                    ExitCodes.CONFIGURATION,
                    server + " has no identity provider configured (GET /api/v1/auth/oidc answered 404). Name one"
                            + " with --issuer URL --client-id ID, or use a token (--token-file FILE or $MAA_TOKEN).");
        }
        if (r.statusCode() != 200) {
            throw new CliException(
                    ExitCodes.FAILED,
                    server + " answered HTTP " + r.statusCode() + " to GET /api/v1/auth/oidc; pass --issuer URL"
                            + " --client-id ID to sign in without asking it.");
        }
        try {
            JsonNode j = Json.mapper().readTree(r.body());
            List<String> scopes = new ArrayList<>();
            j.path("scopes").forEach(s -> scopes.add(s.asText()));
            String issuer = j.path("issuer").asText("");
            String clientId = j.path("clientId").asText("");
            if (issuer.isBlank() || clientId.isBlank()) {
                throw new IOException("issuer or clientId missing");
            }
            return new Settings(URI.create(issuer), clientId, scopes.isEmpty() ? DEFAULT_SCOPES : scopes);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    server + " answered GET /api/v1/auth/oidc with something other than {issuer, clientId, scopes}"
                            + " (" + e.getMessage() + "); pass --issuer URL --client-id ID.");
        }
    }

    /** Reads the issuer's discovery document; refuses a plain-http issuer off loopback. */
    public static OidcProvider discover(Settings s) {
        requireSecure(s.issuer(), "The issuer");
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(s.issuer()), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.UNAVAILABLE,
                    "Cannot read the discovery document of " + s.issuer() + " (" + e.getMessage()
                            + "). Check the issuer URL and that the provider is reachable from here.");
        } catch (GeneralException e) {
            throw new CliException(
                    ExitCodes.CONFIGURATION,
                    "The discovery document of " + s.issuer() + " is not usable: " + e.getMessage()
                            + ". Check the issuer URL (it must be exactly the provider's 'issuer').");
        }
        for (URI endpoint : new URI[] {
            metadata.getTokenEndpointURI(),
            metadata.getAuthorizationEndpointURI(),
            metadata.getDeviceAuthorizationEndpointURI(),
            metadata.getRevocationEndpointURI()
        }) {
            if (endpoint != null) {
                requireSecure(endpoint, "The provider's endpoint");
            }
        }
        if (metadata.getTokenEndpointURI() == null) {
            throw new CliException(
                    ExitCodes.CONFIGURATION,
                    "The discovery document of " + s.issuer() + " names no token_endpoint; maa cannot sign in there.");
        }
        return new OidcProvider(metadata, s.clientId(), s.scopes());
    }

    static void requireSecure(URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()))) {
            return;
        }
        throw new CliException(
                ExitCodes.USAGE,
                what + " " + uri + " must use https (plain http only on this machine: 127.0.0.1, [::1] or"
                        + " localhost), since sign-in codes and tokens cross that connection.");
    }

    static boolean isLoopback(String host) {
        return host != null
                && (host.equals("127.0.0.1")
                        || host.equals("[::1]")
                        || host.equals("::1")
                        || host.equalsIgnoreCase("localhost"));
    }

    public OIDCProviderMetadata metadata() {
        return metadata;
    }

    public ClientID clientId() {
        return clientId;
    }

    public Scope scope() {
        return new Scope(scopes.toArray(String[]::new));
    }

    /** Whether the provider offers the device authorization grant (RFC 8628). */
    public boolean offersDeviceGrant() {
        return metadata.getDeviceAuthorizationEndpointURI() != null;
    }

    /** The outcome of one token request: tokens, or the provider's error. */
    record TokenResult(Credentials credentials, ErrorObject error) {}

    /** Sends one token request for {@code grant}; the caller decides what an error means. */
    TokenResult requestTokens(AuthorizationGrant grant, String flow, Clock clock) {
        TokenResponse response = post(new TokenRequest(metadata.getTokenEndpointURI(), clientId, grant, scope()));
        if (!response.indicatesSuccess()) {
            return new TokenResult(null, ((TokenErrorResponse) response).getErrorObject());
        }
        Tokens tokens = response.toSuccessResponse().getTokens();
        return new TokenResult(credentials(tokens, flow, clock), null);
    }

    private Credentials credentials(Tokens tokens, String flow, Clock clock) {
        AccessToken access = tokens.getAccessToken();
        RefreshToken refresh = tokens.getRefreshToken();
        return new Credentials(
                URI.create(metadata.getIssuer().getValue()),
                clientId.getValue(),
                scopes,
                metadata.getTokenEndpointURI(),
                metadata.getRevocationEndpointURI(),
                access.getValue(),
                refresh == null ? null : refresh.getValue(),
                expiry(access, clock),
                flow);
    }

    /**
     * When the access token expires: {@code expires_in} when the provider sent it, else the token's own {@code exp}
     * when it is a JWT (read, not verified: only used to decide when to refresh; the server verifies the token).
     */
    static Instant expiry(AccessToken access, Clock clock) {
        if (access.getLifetime() > 0) {
            return clock.instant().plusSeconds(access.getLifetime());
        }
        try {
            Date exp = JWTParser.parse(access.getValue()).getJWTClaimsSet().getExpirationTime();
            return exp == null ? null : exp.toInstant();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    /**
     * Redeems the refresh token of {@code c} at its token endpoint (no discovery needed).
     *
     * @return the renewed credentials
     * @throws CliException (not allowed) when the provider refused the refresh token: the sign-in has ended
     */
    static Credentials refresh(Credentials c, URI server, Clock clock) {
        TokenResponse response = post(new TokenRequest(
                c.tokenEndpoint(),
                new ClientID(c.clientId()),
                new RefreshTokenGrant(new RefreshToken(c.refreshToken())),
                null));
        if (!response.indicatesSuccess()) {
            ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
            throw new CliException(
                    ExitCodes.NOT_ALLOWED,
                    "Your sign-in to " + server + " has ended: the provider refused to renew it (" + describe(error)
                            + "). Run `" + CommandName.self() + " login --server " + server + "`.");
        }
        Tokens tokens = response.toSuccessResponse().getTokens();
        RefreshToken rotated = tokens.getRefreshToken();
        return c.refreshed(
                tokens.getAccessToken().getValue(),
                rotated == null ? null : rotated.getValue(),
                expiry(tokens.getAccessToken(), clock));
    }

    /**
     * Revokes the refresh token (first: it outlives the access token) and the access token of {@code c} at its
     * revocation endpoint (RFC 7009), which must be set.
     *
     * @return whether the access token was revoked too: false when the provider answers {@code
     *     unsupported_token_type} for it (many cannot revoke self-contained access tokens; it then lasts until it
     *     expires)
     */
    public static boolean revokeAll(Credentials c) {
        if (c.refreshToken() != null) {
            revoke(c, new RefreshToken(c.refreshToken()), false);
        }
        return revoke(c, new BearerAccessToken(c.accessToken()), true);
    }

    private static boolean revoke(Credentials c, Token token, boolean unsupportedIsAnAnswer) {
        HTTPResponse http = send(
                new TokenRevocationRequest(c.revocationEndpoint(), new ClientID(c.clientId()), token).toHTTPRequest());
        if (http.indicatesSuccess()) {
            return true;
        }
        ErrorObject error = ErrorObject.parse(http);
        if (unsupportedIsAnAnswer && "unsupported_token_type".equals(error.getCode())) {
            return false;
        }
        throw new CliException(
                ExitCodes.UNAVAILABLE,
                "The provider's revocation endpoint " + c.revocationEndpoint() + " answered HTTP "
                        + http.getStatusCode() + " (" + describe(error) + ").");
    }

    private static TokenResponse post(TokenRequest request) {
        HTTPResponse http = send(request.toHTTPRequest());
        try {
            return OIDCTokenResponseParser.parse(http);
        } catch (ParseException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "The token endpoint " + request.getEndpointURI() + " answered something that is not a token"
                            + " response (HTTP " + http.getStatusCode() + ": " + e.getMessage() + ").");
        }
    }

    static String describe(ErrorObject error) {
        String code = error.getCode() == null ? "error" : error.getCode();
        return error.getDescription() == null ? code : code + ": " + error.getDescription();
    }

    static HTTPResponse send(HTTPRequest request) {
        request.setConnectTimeout(TIMEOUT_MILLIS);
        request.setReadTimeout(TIMEOUT_MILLIS);
        try {
            return request.send();
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.UNAVAILABLE,
                    "Cannot reach the identity provider at " + request.getURI() + " (" + e.getMessage() + ").");
        }
    }
}
