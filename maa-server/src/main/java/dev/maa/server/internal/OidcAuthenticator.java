package dev.maa.server.internal;

import com.nimbusds.jwt.JWTParser;
import dev.maa.api.Principal;
import java.text.ParseException;

/**
 * The bearer tokens of an OpenID Connect server: the provider's access tokens ({@link OidcProvider#accessTokens})
 * and, when configured, automation JWTs (HS256 or RS256 with their own issuer). The unverified {@code iss} only picks
 * the verifier; each verifier then checks signature, issuer, audience and expiry itself, so a token claiming the
 * provider's issuer is verified with the provider's keys and nothing else.
 */
public final class OidcAuthenticator implements Authenticator {

    private final OidcProvider provider;
    private final JwtAuthenticator providerTokens;
    private final JwtAuthenticator automation;

    /** @param automation the HS256/RS256 verifier of automation tokens, or {@code null} for none */
    public OidcAuthenticator(OidcProvider provider, JwtAuthenticator automation) {
        this.provider = provider;
        this.providerTokens = provider.accessTokens();
        this.automation = automation;
    }

    @Override
    public Principal authenticate(String bearerToken) {
        return authenticateWithExpiry(bearerToken).principal();
    }

    @Override
    public Authenticated authenticateWithExpiry(String bearerToken) {
        String issuer;
        try {
            issuer = JWTParser.parse(bearerToken).getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            throw ApiError.unauthenticated("The bearer token is not a JWT. Sign in with 'maa login', or send an"
                    + " access token of " + provider.issuer() + ".");
        }
        if (provider.issuer().equals(issuer) || automation == null) {
            return providerTokens.authenticateWithExpiry(bearerToken);
        }
        return automation.authenticateWithExpiry(bearerToken);
    }

    @Override
    public String describe() {
        return "OpenID Connect " + provider.issuer() + " (client "
                + provider.settings().clientId() + ")"
                + (automation == null ? "" : "; automation " + automation.describe());
    }
}
