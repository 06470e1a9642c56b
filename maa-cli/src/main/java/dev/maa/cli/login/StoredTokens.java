package dev.maa.cli.login;

import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.backend.TokenSource;
import dev.maa.server.cli.CommandName;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The tokens {@code maa login} cached for one server, as a {@link TokenSource}: an access token that has expired (or
 * expires within {@link #MARGIN}) is renewed with the refresh token before it is sent, and a token the server refuses
 * with 401 is renewed once; every renewal is written back to the credentials file.
 */
public final class StoredTokens implements TokenSource {

    /** An access token this close to its expiry is renewed first, so it does not expire on the way. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final CredentialsFile file;
    private final URI server;
    private final Clock clock;
    private Credentials credentials;
    private boolean renewed;

    private StoredTokens(CredentialsFile file, URI server, Credentials credentials, Clock clock) {
        this.file = file;
        this.server = server;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The cached tokens for {@code server}, if {@code maa login} stored any. */
    public static Optional<TokenSource> of(CredentialsFile file, URI server, Clock clock) {
        return file.find(server).map(c -> new StoredTokens(file, server, c, clock));
    }

    @Override
    public String current() {
        if (credentials.expiresBefore(clock.instant().plus(MARGIN))) {
            if (credentials.refreshToken() == null) {
                throw new CliException(
                        ExitCodes.NOT_ALLOWED,
                        "Your sign-in to " + server + " expired at " + credentials.expiresAt()
                                + " and the provider gave no refresh token. Run `" + CommandName.self()
                                + " login --server " + server + "`.");
            }
            renew();
        }
        return credentials.accessToken();
    }

    @Override
    public Optional<String> renewAfterUnauthorized() {
        if (renewed || credentials.refreshToken() == null) {
            return Optional.empty();
        }
        renew();
        return Optional.of(credentials.accessToken());
    }

    private void renew() {
        credentials = OidcProvider.refresh(credentials, server, clock);
        renewed = true;
        file.put(server, credentials);
    }
}
