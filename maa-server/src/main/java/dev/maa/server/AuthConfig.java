package dev.maa.server;

import dev.maa.api.MaaConfigurationException;
import dev.maa.server.internal.Authenticator;
import dev.maa.server.internal.ClaimsMapping;
import dev.maa.server.internal.DevTokenAuthenticator;
import dev.maa.server.internal.JwtAuthenticator;
import dev.maa.server.internal.OidcAuthenticator;
import dev.maa.server.internal.OidcProvider;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code maa serve} authenticates callers. Identity only ever comes from the bearer token: either a dev API
 * token from the users file, or a JWT ({@code sub} = principal id, {@code groups} = groups) signed with a pinned
 * algorithm: HS256 with a shared secret, or RS256 with keys from a JWKS file or URL. {@code exp} and {@code aud}
 * are always checked, {@code iss} when configured, {@code nbf} when present. With {@link #oidc} the console signs in
 * through an OpenID Connect provider and the API takes the provider's access tokens.
 */
public final class AuthConfig {

    /** The JWT algorithms a server can be pinned to. */
    public enum Mode {
        DEV_TOKENS,
        HS256,
        RS256,
        /** OpenID Connect: console sign-in and the provider's access tokens, plus optional automation JWTs. */
        OIDC
    }

    private final Mode mode;
    private final Path usersFile;
    private final byte[] secret;
    private final URL jwksUrl;
    private final Path jwksFile;
    private final String audience;
    private final String issuer;
    private OidcSettings oidc;
    private AuthConfig automation;

    private AuthConfig(
            Mode mode, Path usersFile, byte[] secret, URL jwksUrl, Path jwksFile, String audience, String issuer) {
        this.mode = mode;
        this.usersFile = usersFile;
        this.secret = secret;
        this.jwksUrl = jwksUrl;
        this.jwksFile = jwksFile;
        this.audience = audience;
        this.issuer = issuer;
    }

    /** Embedded dev mode: API tokens whose SHA-256 hashes are stored in {@code usersFile} ({@link DevUsersFile}). */
    public static AuthConfig devTokens(Path usersFile) {
        return new AuthConfig(
                Mode.DEV_TOKENS, Objects.requireNonNull(usersFile, "usersFile"), null, null, null, null, null);
    }

    /** JWTs signed with HS256 and {@code secret} (at least 32 bytes). */
    public static AuthConfig hs256(byte[] secret, String audience, String issuer) {
        if (secret == null || secret.length < 32) {
            throw new MaaConfigurationException("auth: the HS256 secret must be at least 32 bytes (256 bits), was "
                    + (secret == null ? 0 : secret.length) + "; generate one with: openssl rand -base64 48");
        }
        return new AuthConfig(Mode.HS256, null, secret.clone(), null, null, requireAudience(audience), issuer);
    }

    /** Convenience for {@link #hs256(byte[], String, String)} with a UTF-8 string secret. */
    public static AuthConfig hs256(String secret, String audience, String issuer) {
        return hs256(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8), audience, issuer);
    }

    /** JWTs signed with RS256 by a key of the JWKS at {@code jwksUrl} (fetched and cached). */
    public static AuthConfig rs256(URL jwksUrl, String audience, String issuer) {
        return new AuthConfig(
                Mode.RS256,
                null,
                null,
                Objects.requireNonNull(jwksUrl, "jwksUrl"),
                null,
                requireAudience(audience),
                issuer);
    }

    /** JWTs signed with RS256 by a key of the JWKS file. */
    public static AuthConfig rs256(Path jwksFile, String audience, String issuer) {
        return new AuthConfig(
                Mode.RS256,
                null,
                null,
                null,
                Objects.requireNonNull(jwksFile, "jwksFile"),
                requireAudience(audience),
                issuer);
    }

    /**
     * OpenID Connect ({@code auth.oidc}): the console signs in with the provider, the API accepts its access tokens
     * and, when {@code automation} is given (an {@link #hs256} or {@link #rs256} config), also those JWTs, told apart
     * by their issuer. The provider is discovered when the server starts.
     */
    public static AuthConfig oidc(OidcSettings settings, AuthConfig automation) {
        Objects.requireNonNull(settings, "settings");
        if (automation != null && (automation.mode == Mode.DEV_TOKENS || automation.mode == Mode.OIDC)) {
            throw new MaaConfigurationException("auth: OpenID Connect takes HS256 or RS256 automation tokens beside"
                    + " the provider's, not " + automation.mode);
        }
        if (automation != null
                && Objects.equals(automation.issuer, settings.issuer().toString())) {
            throw new MaaConfigurationException("auth.issuer: the automation tokens' issuer must differ from"
                    + " auth.oidc.issuer (" + settings.issuer() + "), which names the provider; set auth.issuer to"
                    + " the issuer your automation tokens carry");
        }
        AuthConfig c = new AuthConfig(Mode.OIDC, null, null, null, null, settings.audience(), null);
        c.oidc = settings;
        c.automation = automation;
        return c;
    }

    /** The {@code auth.oidc} settings in {@link Mode#OIDC}, else {@code null}. */
    public OidcSettings oidcSettings() {
        return oidc;
    }

    /** The console's session settings: the OIDC section's, else the defaults. */
    public SessionSettings sessions() {
        return oidc != null ? oidc.sessions() : SessionSettings.defaults();
    }

    private static String requireAudience(String audience) {
        if (audience == null || audience.isBlank()) {
            throw new MaaConfigurationException("auth: 'audience' is required for JWT authentication, so that tokens"
                    + " minted for other services are refused; set auth.audience (e.g. maa-server)");
        }
        return audience;
    }

    public Mode mode() {
        return mode;
    }

    /** The users file of dev mode, or {@code null}. */
    public Path usersFile() {
        return usersFile;
    }

    /** The authenticator of bearer tokens; in OIDC mode {@code provider} is the discovered provider. */
    Authenticator authenticator(OidcProvider provider) {
        if (mode == Mode.OIDC) {
            return new OidcAuthenticator(
                    provider,
                    automation == null
                            ? null
                            : ((JwtAuthenticator) automation.authenticator(null))
                                    .withMapping(ClaimsMapping.standard().withServiceAccountsOf(provider.mapping())));
        }
        return switch (mode) {
            case OIDC -> throw new IllegalStateException("unreachable");
            case DEV_TOKENS -> new DevTokenAuthenticator(usersFile);
            case HS256 -> JwtAuthenticator.hs256(secret, audience, issuer);
            case RS256 ->
                jwksFile != null
                        ? JwtAuthenticator.rs256(jwksFile, audience, issuer)
                        : JwtAuthenticator.rs256(jwksUrl, audience, issuer);
        };
    }

    @Override
    public String toString() {
        return "AuthConfig[" + mode + (audience == null ? "" : ", aud=" + audience)
                + (issuer == null ? "" : ", iss=" + issuer) + "]";
    }
}
