package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.core.BreakGlass;
import dev.maa.core.directory.UsersFileDirectory;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.server.MaaServer;
import dev.maa.server.ServerConfig;
import dev.maa.server.ServerSettings;
import dev.maa.server.ServerSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's local mode opens the same stack of a home as {@code maa serve} does (one composition root). */
class DevEnvironmentTest {

    @TempDir
    Path home;

    @Test
    void localMode_andServer_fromOneHome_haveTheSameUsersPoliciesAndBreakGlass() throws Exception {
        StringWriter err = new StringWriter();
        try (DevEnvironment first = DevEnvironment.open(home, new PrintWriter(err))) {
            assertThat(err.toString()).contains("created", "emergency-admin-1");
        }
        // the home's own policies: the demo set with a break-glass account of this home
        Files.createDirectories(home.resolve("policies"));
        Files.writeString(
                home.resolve("policies/access-policies.yaml"),
                EmbeddedRegoPolicyEngine.demo()
                        .policySet()
                        .files()
                        .get("access-policies.yaml")
                        .replace(
                                "principals: [emergency-admin-1, emergency-admin-2]",
                                "principals: [emergency-admin-1, ops-oncall]"));

        String revision;
        BreakGlass breakGlass;
        Set<String> users;
        ServerConfig config =
                ServerSetup.configure(ServerSettings.defaults(home).withListen(0, "127.0.0.1"));
        try (MaaServer server = MaaServer.start(config)) {
            revision = config.policyEngine().revision();
            breakGlass = config.engine().breakGlass();
            users = ((UsersFileDirectory) config.directory()).current().userIds();
        }
        try (DevEnvironment local = DevEnvironment.open(home, new PrintWriter(new StringWriter()))) {
            assertThat(local.policyEngine().revision()).isEqualTo(revision);
            assertThat(local.engine().breakGlass()).isEqualTo(breakGlass);
            assertThat(((UsersFileDirectory) local.directory()).current().userIds())
                    .isEqualTo(users);
        }
        assertThat(breakGlass.principals()).as("the home's policies, in both").contains("ops-oncall");
        assertThat(users).contains("alice", "carol", "emergency-admin-1");
    }
}
