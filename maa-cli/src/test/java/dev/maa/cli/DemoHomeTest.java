package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Maa;
import dev.maa.core.config.MaaHome;
import dev.maa.server.ServerConfig;
import dev.maa.server.ServerSettings;
import dev.maa.server.ServerSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A demo home is the same whichever of {@code maa serve} and the {@code maa} command creates it. */
class DemoHomeTest {

    @TempDir
    Path serverHome;

    @TempDir
    Path cliHome;

    @Test
    void serverAndCli_createTheSameDemoUsers_fromOneResource() throws Exception {
        close(ServerSetup.configure(ServerSettings.defaults(serverHome).withListen(0, "127.0.0.1")));
        DevEnvironment.open(cliHome, new PrintWriter(new StringWriter())).close();

        String server = Files.readString(serverHome.resolve(MaaHome.USERS_FILE));
        assertThat(server)
                .isEqualTo(Files.readString(cliHome.resolve(MaaHome.USERS_FILE)))
                .isEqualTo(MaaHome.demoUsers())
                .contains("emergency-admin-1");
    }

    @Test
    void breakGlass_works_inAHomeTheServerCreated() throws Exception {
        close(ServerSetup.configure(ServerSettings.defaults(serverHome).withListen(0, "127.0.0.1")));

        String reviewed = SampleHost.run(serverHome, (env, apps) -> {
            try (var who = Maa.actingAs(env.principal("emergency-admin-1"));
                    var emergency = Maa.emergency("INC-7 VPN outage: assign the fixed client now")) {
                apps.assignApp("app-7", "All Users");
            }
            return env.engine().approvals().postReviewQueue().get(0).requester().id();
        });

        assertThat(reviewed).isEqualTo("emergency-admin-1");
    }

    private static void close(ServerConfig config) throws Exception {
        for (AutoCloseable r : config.resources()) {
            r.close();
        }
    }
}
