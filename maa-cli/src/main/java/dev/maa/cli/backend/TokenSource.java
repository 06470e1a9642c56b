package dev.maa.cli.backend;

import java.util.Optional;

/**
 * Where {@link RemoteBackend} gets its bearer token: a fixed one ({@code --token-file}, {@code $MAA_TOKEN}) or the
 * tokens {@code maa login} cached, which can be renewed.
 *
 * <p>Why an interface: the backend retries a request the server answered 401 once with a renewed token (an access
 * token revoked or expired early at the provider), and must not know how tokens are stored or refreshed.
 */
public interface TokenSource {

    /** The token to send now; may renew an expired one first. */
    String current();

    /**
     * A new token after the server refused {@link #current()} with 401, or empty when this source cannot renew (a
     * fixed token, no refresh token, or already renewed once in this command).
     */
    Optional<String> renewAfterUnauthorized();

    /** A token that never changes. */
    static TokenSource fixed(String token) {
        String t = token.strip();
        return new TokenSource() {
            @Override
            public String current() {
                return t;
            }

            @Override
            public Optional<String> renewAfterUnauthorized() {
                return Optional.empty();
            }
        };
    }
}
