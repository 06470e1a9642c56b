package dev.maa.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.cli.MaaCli;
import dev.maa.server.MaaServer;
import dev.maa.server.ServerSettings;
import dev.maa.server.ServerSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider (mock-oauth2-server) and a real {@code maa serve} on the demo store that accepts the
 * provider's RS256 tokens (JWKS, audience {@code maa}, issuer), both on loopback.
 */
final class Testbed implements AutoCloseable {

    static final String ISSUER_ID = "default";
    static final String AUDIENCE = "maa";
    static final String CLIENT_ID = "maa-cli";

    record Result(int code, String out, String err) {}

    final Path home;
    final MockOAuth2Server provider;
    final MaaServer server;

    private Testbed(Path home, MockOAuth2Server provider, MaaServer server) {
        this.home = home;
        this.provider = provider;
        this.server = server;
    }

    static Testbed start(Path home) throws Exception {
        Result demo = maa("demo", "--no-serve", "--home", home.toString());
        assertThat(demo.code()).as(demo.err()).isZero();
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        Path yaml = Files.writeString(
                home.resolve("maa.yaml"),
                "auth:\n  mode: jwt\n  jwks: " + provider.jwksUrl(ISSUER_ID) + "\n  audience: " + AUDIENCE
                        + "\n  issuer: " + provider.issuerUrl(ISSUER_ID) + "\n");
        MaaServer server;
        try {
            server = MaaServer.start(
                    ServerSetup.configure(ServerSettings.load(yaml, home).withListen(0, "127.0.0.1")));
        } catch (RuntimeException e) {
            provider.shutdown();
            throw e;
        }
        return new Testbed(home, provider, server);
    }

    /** The provider's next token request signs {@code user} in, with a token for the server's audience. */
    void nextSignIn(String user) {
        nextSignIn(user, AUDIENCE);
    }

    void nextSignIn(String user, String audience) {
        provider.enqueueCallback(
                new DefaultOAuth2TokenCallback(ISSUER_ID, user, "JWT", List.of(audience), Map.of(), 3600));
    }

    URI issuer() {
        return provider.issuerUrl(ISSUER_ID).uri();
    }

    String serverUrl() {
        return server.uri().toString();
    }

    Path credentials() {
        return home.resolve(CredentialsFile.FILE_NAME);
    }

    static Result maa(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MaaCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code args} against the server with the credentials of this home (no --token-file). */
    Result remote(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = serverUrl();
        all[args.length + 2] = "--home";
        all[args.length + 3] = home.toString();
        return maa(all);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            provider.shutdown();
        }
    }
}
