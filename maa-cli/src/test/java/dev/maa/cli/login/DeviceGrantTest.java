package dev.maa.cli.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.backend.RemoteBackend;
import dev.maa.cli.backend.TokenSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device authorization grant's polling (RFC 8628 section 3.5) against a real device endpoint and the provider's
 * tokens. The waits are recorded rather than slept, and the "user" acts over HTTP from inside a wait, as a person
 * would while the CLI waits.
 */
class DeviceGrantTest {

    private static final Pattern CODE = Pattern.compile("and enter the code:\\R  (\\S+)");

    @TempDir
    Path home;

    private Testbed bed;
    private DeviceEndpoint device;
    private final StringWriter out = new StringWriter();
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        bed = Testbed.start(home);
        device = new DeviceEndpoint(bed);
    }

    @AfterEach
    void stop() {
        device.close();
        bed.close();
    }

    private OidcProvider provider() {
        return OidcProvider.discover(
                new OidcProvider.Settings(device.issuer(), Testbed.CLIENT_ID, OidcProvider.DEFAULT_SCOPES));
    }

    private String shownCode() {
        Matcher m = CODE.matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        return m.group(1);
    }

    /** Records the waits; during wait number {@code n} the user submits the shown code with {@code form}. */
    private DeviceGrant.Sleeper userActsDuringWait(int n, String form) {
        return d -> {
            waits.add(d);
            if (waits.size() == n) {
                try {
                    device.actAsUser(shownCode(), form);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    @Test
    void deviceGrant_pendingThenSlowDown_waitsTheIntervalThenFiveSecondsLonger() {
        device.script.add("authorization_pending");
        device.script.add("slow_down");
        DeviceGrant.Sleeper user = userActsDuringWait(3, "user=bob");

        Credentials c = new DeviceGrant(provider(), user, Clock.systemUTC()).signIn(new PrintWriter(out, true));

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(6));
        assertThat(out.toString())
                .contains(device.verificationUri().toString())
                .contains("WDJB-MJHT")
                .contains("?user_code=WDJB-MJHT");
        assertThat(c.flow()).isEqualTo("device");
        assertThat(c.refreshToken()).isNotNull();
        assertThat(new RemoteBackend(URI.create(bed.serverUrl()), TokenSource.fixed(c.accessToken()))
                        .me()
                        .path("id")
                        .asText())
                .isEqualTo("bob");
    }

    @Test
    void deviceGrant_expiredToken_stopsWithNothingStored() {
        device.script.add("authorization_pending");
        device.script.add("expired_token");

        assertThatThrownBy(() ->
                        new DeviceGrant(provider(), waits::add, Clock.systemUTC()).signIn(new PrintWriter(out, true)))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("expired before the sign-in was approved")
                .extracting(e -> ((CliException) e).exitCode())
                .isEqualTo(ExitCodes.FAILED);
        assertThat(device.grants).hasSize(2);
    }

    @Test
    void deviceGrant_userDenies_isNotAllowed() {
        DeviceGrant.Sleeper user = userActsDuringWait(2, "deny=1");

        assertThatThrownBy(
                        () -> new DeviceGrant(provider(), user, Clock.systemUTC()).signIn(new PrintWriter(out, true)))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("denied")
                .extracting(e -> ((CliException) e).exitCode())
                .isEqualTo(ExitCodes.NOT_ALLOWED);
    }

    @Test
    void deviceGrant_codeLifetimePassedWhilePending_stopsPollingAtItsDeadline() {
        device.expiresIn = 3;
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        DeviceGrant.Sleeper passing = d -> {
            waits.add(d);
            now[0] = now[0].plus(d);
        };

        assertThatThrownBy(() -> new DeviceGrant(provider(), passing, clock).signIn(new PrintWriter(out, true)))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("expired");
        assertThat(device.grants).hasSize(3); // polled at 1, 2 and 3 s; at 4 s the code had expired
    }
}
