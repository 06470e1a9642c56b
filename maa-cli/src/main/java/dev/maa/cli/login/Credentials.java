package dev.maa.cli.login;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * What {@code maa login} keeps for one server: the provider it signed in with (issuer, client id, scopes and the
 * endpoints discovery gave, so a refresh or a revocation needs no discovery) and the tokens.
 *
 * @param issuer the provider's issuer URL
 * @param clientId the public client {@code maa} signed in as
 * @param scopes the scopes asked for
 * @param tokenEndpoint where refresh tokens are redeemed
 * @param revocationEndpoint where {@code maa logout} revokes tokens; null when the provider has none
 * @param accessToken the bearer token sent to the server
 * @param refreshToken null when the provider issued none (then the sign-in ends when the access token expires)
 * @param expiresAt when the access token expires; null when unknown
 * @param flow {@code device} or {@code browser}, as signed in
 */
public record Credentials(
        URI issuer,
        String clientId,
        List<String> scopes,
        URI tokenEndpoint,
        URI revocationEndpoint,
        String accessToken,
        String refreshToken,
        Instant expiresAt,
        String flow) {

    public Credentials {
        scopes = List.copyOf(scopes);
    }

    /** These credentials with new tokens from a refresh; the refresh token is kept when the provider sent none. */
    public Credentials refreshed(String newAccessToken, String newRefreshToken, Instant newExpiresAt) {
        return new Credentials(
                issuer,
                clientId,
                scopes,
                tokenEndpoint,
                revocationEndpoint,
                newAccessToken,
                newRefreshToken != null ? newRefreshToken : refreshToken,
                newExpiresAt,
                flow);
    }

    /** Whether the access token has expired by {@code instant} (false when its expiry is unknown). */
    public boolean expiresBefore(Instant instant) {
        return expiresAt != null && !expiresAt.isAfter(instant);
    }
}
