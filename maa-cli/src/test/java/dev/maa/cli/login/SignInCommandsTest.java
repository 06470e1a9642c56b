package dev.maa.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maa login --device}, then what the cached tokens do: remote commands use them, renew them after expiry and
 * after a 401, {@code whoami} reports them, {@code logout} deletes and revokes them, and a credentials file others
 * could read is refused.
 */
class SignInCommandsTest {

    @TempDir
    Path home;

    private Testbed bed;
    private DeviceEndpoint device;

    @BeforeEach
    void signInAsBob() throws Exception {
        bed = Testbed.start(home);
        device = new DeviceEndpoint(bed);
        device.autoApprove = "bob";
        Testbed.Result login = Testbed.maa(
                "login",
                "--server",
                bed.serverUrl(),
                "--issuer",
                device.issuer().toString(),
                "--client-id",
                Testbed.CLIENT_ID,
                "--device",
                "--home",
                home.toString());
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.out()).contains("WDJB-MJHT").contains("as bob");
    }

    @AfterEach
    void stop() {
        device.close();
        bed.close();
    }

    private JsonNode entry() throws Exception {
        return Json.mapper()
                .readTree(bed.credentials().toFile())
                .path("servers")
                .path(CredentialsFile.key(URI.create(bed.serverUrl())));
    }

    private void editEntry(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) Json.mapper().readTree(bed.credentials().toFile());
        edit.accept((ObjectNode) root.path("servers").path(CredentialsFile.key(URI.create(bed.serverUrl()))));
        Files.writeString(bed.credentials(), Json.mapper().writeValueAsString(root)); // keeps mode 0600
    }

    @Test
    void remoteCommand_afterTheAccessTokenExpired_renewsItWithTheRefreshToken() throws Exception {
        String before = entry().path("accessToken").asText();
        editEntry(e -> e.put("expiresAt", "2020-01-01T00:00:00Z"));

        Testbed.Result list = bed.remote("requests", "list", "--received", "--json");

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(device.grants).contains("refresh_token");
        assertThat(entry().path("accessToken").asText()).isNotEqualTo(before);
        assertThat(Instant.parse(entry().path("expiresAt").asText())).isAfter(Instant.now());
    }

    @Test
    void remoteCommand_tokenRefusedWith401_isRenewedOnceAndRetried() throws Exception {
        editEntry(e -> e.put("accessToken", "not-a-token-the-server-accepts"));

        Testbed.Result list = bed.remote("requests", "list", "--received", "--json");

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(device.grants).containsOnlyOnce("refresh_token");
    }

    @Test
    void remoteCommand_renewedTokenRefusedToo_stopsAfterOneRenewal() throws Exception {
        editEntry(e -> {
            e.put("accessToken", "not-a-token-the-server-accepts");
            e.put("refreshToken", "not-a-refresh-token"); // the provider answers it with a token for another audience
        });

        Testbed.Result list = bed.remote("requests", "list", "--received");

        assertThat(list.code()).isEqualTo(ExitCodes.NOT_ALLOWED);
        assertThat(list.err()).contains("audience");
        assertThat(device.grants).containsOnlyOnce("refresh_token");
    }

    @Test
    void credentialsFile_readableByOthers_isRefusedAndNothingIsSent() throws Exception {
        Files.setPosixFilePermissions(bed.credentials(), PosixFilePermissions.fromString("rw-r--r--"));
        int grantsBefore = device.grants.size();

        Testbed.Result list = bed.remote("requests", "list", "--received");

        assertThat(list.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(list.err()).contains("has mode rw-r--r--").contains("chmod 600 " + bed.credentials());
        assertThat(device.grants).hasSize(grantsBefore);
    }

    @Test
    void whoami_showsIdGroupsAndTheCachedTokensExpiry() {
        Testbed.Result who = bed.remote("whoami");

        assertThat(who.code()).as(who.err()).isZero();
        assertThat(who.out())
                .contains("id:          bob")
                .contains("groups:      App Approvers")
                .contains("groups from: ")
                .contains("token:       from maa login (" + device.issuer() + ")")
                .contains("expires at ")
                .contains("renewed with the refresh token")
                .contains("membership:  ");
    }

    @Test
    void whoami_tokenFile_winsOverTheCachedSignIn() throws Exception {
        String carol = bed.provider
                .issueToken(
                        Testbed.ISSUER_ID,
                        Testbed.CLIENT_ID,
                        new DefaultOAuth2TokenCallback(
                                Testbed.ISSUER_ID,
                                "carol",
                                "JWT",
                                java.util.List.of(Testbed.AUDIENCE),
                                java.util.Map.of(),
                                600))
                .serialize();
        Path file = Files.writeString(home.resolve("carol.token"), carol);

        Testbed.Result who = bed.remote("whoami", "--json", "--token-file", file.toString());

        assertThat(who.code()).as(who.err()).isZero();
        JsonNode me = Json.mapper().readTree(who.out());
        assertThat(me.path("id").asText()).isEqualTo("carol");
        assertThat(me.path("token").path("source").asText()).isEqualTo("--token-file or $MAA_TOKEN");
    }

    @Test
    void logout_deletesTheEntryAndRevokesTheRefreshTokenAtTheProvider() throws Exception {
        String refresh = entry().path("refreshToken").asText();

        Testbed.Result logout = Testbed.maa("logout", "--server", bed.serverUrl(), "--home", home.toString());

        assertThat(logout.code()).as(logout.err()).isZero();
        assertThat(logout.out()).contains("revoked");
        assertThat(entry().isMissingNode()).isTrue();
        assertThat(revocationsReceived()).anySatisfy(body -> assertThat(body).contains("token=" + refresh));
        Testbed.Result list = bed.remote("requests", "list");
        assertThat(list.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(list.err()).contains("No token for").contains("login --server");
    }

    /** The bodies of the revocation requests the provider received (it records every request in order). */
    private List<String> revocationsReceived() {
        List<String> bodies = new ArrayList<>();
        while (true) {
            RecordedRequest r;
            try {
                r = bed.provider.takeRequest(1, TimeUnit.SECONDS);
            } catch (RuntimeException drained) { // mock-oauth2-server throws once its queue stays empty
                return bodies;
            }
            if (r.getPath() != null && r.getPath().endsWith("/revoke")) {
                bodies.add(URLDecoder.decode(r.getBody().readUtf8(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void login_serverWithoutAProvider_saysHowToNameOne() {
        Testbed.Result login = Testbed.maa("login", "--server", bed.serverUrl(), "--home", home.toString());

        assertThat(login.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(login.err()).contains("/api/v1/auth/oidc").contains("--issuer URL --client-id ID");
    }
}
