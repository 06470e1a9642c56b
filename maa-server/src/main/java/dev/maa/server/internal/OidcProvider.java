package dev.maa.server.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Principal;
import dev.maa.server.OidcSettings;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's view of one OpenID Connect provider, built with the Nimbus OAuth 2.0 SDK rather than by hand:
 * discovery from {@code <issuer>/.well-known/openid-configuration} (the document must name the configured issuer),
 * the provider's JWKS (cached; a token signed with an unknown {@code kid} makes it fetch the set again, at most once
 * per rate-limit interval, which follows key rotation without letting forged {@code kid}s hammer the provider), the
 * authorization request with PKCE S256, {@code state} and {@code nonce}, the code exchange, ID token validation
 * ({@code iss}, {@code aud}, {@code azp}, {@code exp}, {@code iat} within the clock skew, {@code nonce}, signature)
 * and the end-session URL. Access tokens for the API are verified with the same keys ({@link #accessTokens}).
 */
public final class OidcProvider {

    /** Only asymmetric signatures: a provider's token never verifies with a shared secret. */
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private final OidcSettings settings;
    private final OIDCProviderMetadata metadata;
    private final JWSVerificationKeySelector<SecurityContext> keys;
    private final IDTokenValidator idTokens;
    private final ClaimsMapping mapping;

    private OidcProvider(OidcSettings settings, OIDCProviderMetadata metadata) {
        this.settings = settings;
        this.metadata = metadata;
        JWKSource<SecurityContext> jwks;
        try {
            jwks = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL())
                    .retrying(true)
                    .rateLimited(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new MaaConfigurationException("auth.oidc.issuer: the provider's discovery document names an"
                    + " unusable jwks_uri " + metadata.getJWKSetURI() + ": " + e.getMessage());
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        List<JWSAlgorithm> offered = metadata.getIDTokenJWSAlgs();
        (offered == null || offered.isEmpty() ? List.of(JWSAlgorithm.RS256) : offered)
                .stream().filter(ASYMMETRIC::contains).forEach(algorithms::add);
        if (algorithms.isEmpty()) {
            throw new MaaConfigurationException("auth.oidc.issuer: the provider signs ID tokens only with " + offered
                    + "; MAA accepts asymmetric signatures (RS256, PS256, ES256, ...). Configure the client to use"
                    + " RS256.");
        }
        this.keys = new JWSVerificationKeySelector<>(algorithms, jwks);
        this.idTokens = new IDTokenValidator(metadata.getIssuer(), new ClientID(settings.clientId()), keys, null);
        idTokens.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        this.mapping = new ClaimsMapping(
                settings.principalClaim(),
                settings.groupsClaim(),
                settings.serviceAccounts(),
                settings.serviceAccountClaim());
    }

    /**
     * Discovers the provider.
     *
     * @throws MaaConfigurationException when the discovery document cannot be read or names another issuer
     */
    public static OidcProvider discover(OidcSettings settings) {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(
                    new Issuer(settings.issuer().toString()), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
            if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null) {
                throw new MaaConfigurationException("auth.oidc.issuer: the discovery document of " + settings.issuer()
                        + " names no authorization or token endpoint");
            }
            return new OidcProvider(settings, metadata);
        } catch (GeneralException | IOException e) {
            throw new MaaConfigurationException(
                    "auth.oidc.issuer: cannot discover the OpenID Connect provider at "
                            + settings.issuer() + "/.well-known/openid-configuration: " + e.getMessage()
                            + ". Check the issuer URL (it must match the document's \"issuer\" exactly) and that this"
                            + " server can reach it.",
                    e);
        }
    }

    public OidcSettings settings() {
        return settings;
    }

    /** The verifier of the provider's access tokens for the API ({@code aud} = {@code auth.oidc.audience}). */
    public JwtAuthenticator accessTokens() {
        return JwtAuthenticator.provider(
                keys, settings.audience(), metadata.getIssuer().getValue(), mapping);
    }

    /** The mapping of this provider's claims; automation tokens share its service accounts. */
    public ClaimsMapping mapping() {
        return mapping;
    }

    /** The URL the browser goes to for sign-in. */
    public URI authorizationUrl(URI redirectUri, State state, Nonce nonce, CodeVerifier verifier) {
        return new AuthenticationRequest.Builder(
                        ResponseType.CODE,
                        new Scope(settings.scopes().toArray(String[]::new)),
                        new ClientID(settings.clientId()),
                        redirectUri)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** A signed-in user: the principal, the raw ID token (the hint for sign-out) and its expiry. */
    public record SignIn(Principal principal, JWT idToken, Instant expiresAt) {}

    /**
     * Exchanges {@code code} (with the PKCE verifier) and validates the ID token against {@code nonce}.
     *
     * @throws ApiError unauthenticated, saying what the provider answered or which check failed
     */
    public SignIn exchange(String code, URI redirectUri, CodeVerifier verifier, Nonce nonce) {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier);
        ClientID client = new ClientID(settings.clientId());
        TokenRequest request = settings.clientSecret() == null
                ? new TokenRequest(metadata.getTokenEndpointURI(), client, grant, null)
                : new TokenRequest(
                        metadata.getTokenEndpointURI(),
                        new ClientSecretBasic(client, new Secret(settings.clientSecret())),
                        grant,
                        null);
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(CONNECT_TIMEOUT_MS);
            http.setReadTimeout(READ_TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | ParseException e) {
            throw ApiError.unauthenticated("The identity provider's token endpoint could not be used: " + e.getMessage()
                    + ". Try signing in again; if it persists, check auth.oidc.issuer.");
        }
        if (!response.indicatesSuccess()) {
            var error = response.toErrorResponse().getErrorObject();
            throw ApiError.unauthenticated("The identity provider refused the sign-in code (" + error.getCode()
                    + (error.getDescription() == null ? "" : ": " + error.getDescription())
                    + "). Codes work once and only for the browser that asked; sign in again.");
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse())
                .getOIDCTokens()
                .getIDToken();
        if (idToken == null) {
            throw ApiError.unauthenticated(
                    "The identity provider sent no ID token; include 'openid' in" + " auth.oidc.scopes.");
        }
        JWTClaimsSet claims;
        try {
            claims = idTokens.validate(idToken, nonce).toJWTClaimsSet();
        } catch (BadJOSEException e) {
            throw ApiError.unauthenticated("The ID token was rejected: " + e.getMessage() + ". Sign in again.");
        } catch (JOSEException | ParseException e) {
            throw ApiError.unauthenticated("The ID token could not be verified: " + e.getMessage() + ".");
        }
        Principal principal = mapping.principal(claims, "ID token");
        return new SignIn(
                principal,
                idToken,
                claims.getExpirationTime() == null
                        ? null
                        : claims.getExpirationTime().toInstant());
    }

    /** The provider's end-session URL for {@code idToken}, when it offers one. */
    public Optional<URI> endSessionUrl(JWT idToken, URI postLogoutRedirect) {
        URI endpoint = metadata.getEndSessionEndpointURI();
        if (endpoint == null) {
            return Optional.empty();
        }
        return Optional.of(new LogoutRequest(endpoint, idToken, postLogoutRedirect, null).toURI());
    }

    /** The issuer as discovered (equal to the configured one). */
    public String issuer() {
        return metadata.getIssuer().getValue();
    }
}
