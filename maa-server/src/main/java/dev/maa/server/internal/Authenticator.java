package dev.maa.server.internal;

import dev.maa.api.Principal;
import java.util.Set;

/** Turns a bearer token into a principal, or refuses with {@link ApiError#unauthenticated}. */
public interface Authenticator {

    Principal authenticate(String bearerToken);

    /** A principal and, for a token that expires, when it does ({@code null} otherwise). */
    record Authenticated(Principal principal, java.time.Instant expiresAt) {}

    /** {@link #authenticate} with the token's expiry, for {@code GET /api/v1/me}. */
    default Authenticated authenticateWithExpiry(String bearerToken) {
        return new Authenticated(authenticate(bearerToken), null);
    }

    /** Short description for the start-up banner. */
    String describe();

    /**
     * {@code auth} with the groups a token claims dropped, so that only the directory says who is in which group
     * (for reads, {@code /me}, and the policy input of calls made through the API): the server's default, since a
     * token for a user absent from the directory must grant nothing. {@code auth.trust_token_groups} keeps them.
     */
    static Authenticator withoutClaimedGroups(Authenticator auth) {
        return new Authenticator() {
            @Override
            public Principal authenticate(String bearerToken) {
                return authenticateWithExpiry(bearerToken).principal();
            }

            @Override
            public Authenticated authenticateWithExpiry(String bearerToken) {
                Authenticated a = auth.authenticateWithExpiry(bearerToken);
                Principal p = a.principal();
                return p.groups().isEmpty()
                        ? a
                        : new Authenticated(new Principal(p.id(), Set.of(), p.roles()), a.expiresAt());
            }

            @Override
            public String describe() {
                return auth.describe();
            }
        };
    }
}
