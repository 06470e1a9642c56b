package dev.maa.cli.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import dev.maa.cli.MaaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maa login --browser} (RFC 8252 loopback redirect with PKCE) against a real provider, the browser played by a
 * real HTTP client that follows the provider's redirect back to the CLI's loopback port.
 */
class BrowserLoginTest {

    private static final Pattern AUTHORIZE = Pattern.compile("^  (http://\\S+/authorize\\?\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path home;

    private Testbed bed;

    @BeforeEach
    void start() throws Exception {
        bed = Testbed.start(home);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    record Browsed(Testbed.Result result, HttpResponse<String> page) {}

    /** Runs the login; once it shows the address, {@code browser} opens it (and may do other things first). */
    static Browsed login(Testbed bed, Browser browser) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> MaaCli.run(
                new String[] {
                    "login",
                    "--server",
                    bed.serverUrl(),
                    "--issuer",
                    bed.issuer().toString(),
                    "--client-id",
                    Testbed.CLIENT_ID,
                    "--browser",
                    "--no-launch",
                    "--home",
                    bed.home.toString()
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true)));
        Matcher found = AUTHORIZE.matcher("");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> code.isDone() || found.reset(out.toString()).find());
        URI authorize = found.reset(out.toString()).find() ? URI.create(found.group(1)) : null;
        assertThat(authorize).as("the authorization address in: " + out + err).isNotNull();
        HttpResponse<String> page = browser.open(authorize);
        int exit = code.get(60, TimeUnit.SECONDS);
        return new Browsed(new Testbed.Result(exit, out.toString(), err.toString()), page);
    }

    interface Browser {
        HttpResponse<String> open(URI authorize) throws Exception;
    }

    static HttpResponse<String> follow(URI uri) throws Exception {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void login_withBrowser_storesPrivateTokensTheServerAccepts() throws Exception {
        bed.nextSignIn("bob");

        Browsed b = login(bed, BrowserLoginTest::follow);

        assertThat(b.result().code()).as(b.result().err()).isZero();
        assertThat(b.page().statusCode()).isEqualTo(200);
        assertThat(b.page().body()).contains("Signed in");
        assertThat(b.result().out())
                .contains("Signed in to " + CredentialsFile.key(URI.create(bed.serverUrl())) + " as bob");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bed.credentials())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                .isEqualTo("rwx------");
        Testbed.Result list = bed.remote("requests", "list", "--received", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode items = Json.mapper().readTree(list.out());
        assertThat(items).hasSize(1); // bob, an App Approver, receives alice's demo request
    }

    @Test
    void authorizationRequest_carriesPkceS256AndState() throws Exception {
        bed.nextSignIn("bob");
        URI[] seen = new URI[1];

        Browsed b = login(bed, uri -> {
            seen[0] = uri;
            return follow(uri);
        });

        assertThat(b.result().code()).as(b.result().err()).isZero();
        assertThat(seen[0].getRawQuery())
                .contains("code_challenge_method=S256")
                .contains("code_challenge=")
                .contains("state=")
                .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A");
    }

    @Test
    void redirect_withAnotherState_isRefusedAndTheRealOneStillSignsIn() throws Exception {
        bed.nextSignIn("bob");
        int[] forged = new int[1];

        Browsed b = login(bed, uri -> {
            Matcher port = Pattern.compile("redirect_uri=http%3A%2F%2F127.0.0.1%3A(\\d+)")
                    .matcher(uri.getRawQuery());
            assertThat(port.find()).isTrue();
            forged[0] = follow(URI.create(
                            "http://127.0.0.1:" + port.group(1) + "/callback?code=planted&state=not-this-sign-in"))
                    .statusCode();
            return follow(uri);
        });

        assertThat(forged[0]).isEqualTo(400);
        assertThat(b.result().err()).contains("state is not this sign-in's");
        assertThat(b.result().code()).as(b.result().err()).isZero();
        assertThat(b.result().out()).contains("as bob");
    }

    @Test
    void login_tokenForAnotherAudience_isRefusedByTheServerAndNothingIsStored() throws Exception {
        bed.nextSignIn("bob", "some-other-api");

        Browsed b = login(bed, BrowserLoginTest::follow);

        assertThat(b.result().code()).isEqualTo(ExitCodes.NOT_ALLOWED);
        assertThat(b.result().err()).contains("does not accept its token").contains("Nothing was stored");
        assertThat(bed.credentials()).doesNotExist();
    }
}
