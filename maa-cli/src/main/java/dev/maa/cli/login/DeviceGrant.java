package dev.maa.cli.login;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.server.cli.CommandName;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628): {@code maa} shows a verification URI and a user code, the user
 * approves on any device with a browser, and {@code maa} polls the token endpoint meanwhile. Works over SSH and
 * without a display, which is why it is the default there.
 *
 * <p>Polling follows section 3.5: it waits {@code interval} seconds (5 when the provider names none) before each
 * poll, keeps polling on {@code authorization_pending}, waits 5 seconds longer for every {@code slow_down}, and stops
 * on {@code expired_token}, {@code access_denied}, any other error, or once the device code's lifetime has passed.
 */
public final class DeviceGrant {

    /** How the flow waits between polls; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final OidcProvider provider;
    private final Sleeper sleeper;
    private final Clock clock;

    public DeviceGrant(OidcProvider provider, Sleeper sleeper, Clock clock) {
        this.provider = provider;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Runs the flow, telling the user on {@code out} what to open and which code to enter. */
    public Credentials signIn(PrintWriter out) {
        if (!provider.offersDeviceGrant()) {
            throw new CliException(
                    ExitCodes.CONFIGURATION,
                    "The provider " + provider.metadata().getIssuer() + " offers no device authorization grant (no"
                            + " device_authorization_endpoint in its discovery document). Use `" + CommandName.self()
                            + " login --browser`"
                            + " on a machine with a browser, or enable the device flow for the client at the"
                            + " provider.");
        }
        DeviceAuthorizationSuccessResponse auth = authorize();
        Instant deadline = clock.instant().plusSeconds(auth.getLifetime() > 0 ? auth.getLifetime() : 600);
        out.println("To sign in, open this address in a browser on any device:");
        out.println("  " + auth.getVerificationURI());
        out.println("and enter the code:");
        out.println("  " + auth.getUserCode().getValue());
        if (auth.getVerificationURIComplete() != null) {
            out.println("(or open " + auth.getVerificationURIComplete() + ", which carries the code)");
        }
        out.println("Waiting for the sign-in to be approved (the code expires at " + deadline + ") ...");
        out.flush();
        Duration interval = auth.getInterval() > 0 ? Duration.ofSeconds(auth.getInterval()) : DEFAULT_INTERVAL;
        DeviceCodeGrant grant = new DeviceCodeGrant(auth.getDeviceCode());
        while (true) {
            pause(interval);
            if (clock.instant().isAfter(deadline)) {
                throw expired();
            }
            OidcProvider.TokenResult r = provider.requestTokens(grant, "device", clock);
            if (r.credentials() != null) {
                return r.credentials();
            }
            ErrorObject error = r.error();
            if (DeviceAuthorizationGrantError.AUTHORIZATION_PENDING.equals(error)) {
                continue;
            }
            if (DeviceAuthorizationGrantError.SLOW_DOWN.equals(error)) {
                interval = interval.plus(SLOW_DOWN_STEP);
                continue;
            }
            if (DeviceAuthorizationGrantError.EXPIRED_TOKEN.equals(error)) {
                throw expired();
            }
            if (OAuth2Error.ACCESS_DENIED.equals(error)) {
                throw new CliException(
                        ExitCodes.NOT_ALLOWED,
                        "The sign-in was denied at the provider (access_denied). Nothing was stored.");
            }
            throw new CliException(
                    ExitCodes.FAILED,
                    "The provider refused the sign-in (" + OidcProvider.describe(error) + "). Nothing was stored.");
        }
    }

    private DeviceAuthorizationSuccessResponse authorize() {
        HTTPResponse http = OidcProvider.send(new DeviceAuthorizationRequest(
                        provider.metadata().getDeviceAuthorizationEndpointURI(), provider.clientId(), provider.scope())
                .toHTTPRequest());
        DeviceAuthorizationResponse response;
        try {
            response = DeviceAuthorizationResponse.parse(http);
        } catch (ParseException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "The device authorization endpoint answered something that is not an RFC 8628 response (HTTP "
                            + http.getStatusCode() + ": " + e.getMessage() + ").");
        }
        if (!response.indicatesSuccess()) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "The provider refused to start a device sign-in ("
                            + OidcProvider.describe(response.toErrorResponse().getErrorObject())
                            + "). Check that the client " + provider.clientId() + " may use the device flow.");
        }
        return response.toSuccessResponse();
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "Interrupted while waiting for the sign-in. Nothing was stored.");
        }
    }

    private static CliException expired() {
        return new CliException(
                ExitCodes.FAILED,
                "The code expired before the sign-in was approved. Nothing was stored; run `" + CommandName.self()
                        + " login` again.");
    }
}
