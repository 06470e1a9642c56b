package dev.maa.cli;

import static dev.maa.cli.RemoteModeTest.maa;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.cli.RemoteModeTest.Result;
import dev.maa.server.DevUsersFile;
import dev.maa.server.MaaServer;
import dev.maa.server.ServerSettings;
import dev.maa.server.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same failure exits with the same code through the local backend (the H2 file, {@code --as}) and through a
 * real {@code maa serve} ({@code --server}, a token): both take it from the error's kind. Locally the invalid input
 * used to exit 70 ("internal error"), remotely 2.
 */
class ExitCodeParityTest {

    @TempDir
    Path home;

    @Test
    void eachFailure_exitsAlike_locallyAndThroughAServer() throws Exception {
        assertThat(maa("demo", "--no-serve", "--home", home.toString()).code()).isZero();
        String requester = "alice";
        String id = SampleHost.run(home, (env, apps) -> {
            try (var who = Maa.actingAs(env.principal(requester));
                    var why = Maa.justify("CHG-5 retire app-parity")) {
                apps.deleteApp("app-parity");
                throw new AssertionError("deleteApp should need approval");
            } catch (ApprovalRequiredException e) {
                return e.requestId();
            }
        });
        Map<String, List<String>> failures = new LinkedHashMap<>();
        failures.put("not found", List.of("bob", "requests", "show", "no-such-request"));
        failures.put("own request", List.of(requester, "approve", id, "--notes", "self"));
        failures.put("notes too long", List.of("bob", "approve", id, "--notes", "n".repeat(4_001)));
        Map<String, Integer> expected = Map.of(
                "not found",
                ExitCodes.NOT_FOUND,
                "own request",
                ExitCodes.NOT_ALLOWED,
                "notes too long",
                ExitCodes.USAGE);

        Map<String, Integer> local = new LinkedHashMap<>();
        Map<String, String> localNext = new LinkedHashMap<>();
        failures.forEach((what, args) -> {
            Result r = local(args);
            local.put(what, r.code());
            localNext.put(what, next(r));
        });
        Map<String, Integer> remote = new LinkedHashMap<>();
        Map<String, String> remoteNext = new LinkedHashMap<>();
        try (MaaServer server = startServer()) {
            failures.forEach((what, args) -> {
                Result r = remote(server, args);
                remote.put(what, r.code());
                remoteNext.put(what, next(r));
            });
            // a request no longer open: canceled through the server, then approved on both paths
            Result cancel = remote(server, List.of(requester, "cancel", id, "--reason", "not needed"));
            assertThat(cancel.code()).as(cancel.err()).isZero();
            Result closedRemote = remote(server, List.of("bob", "approve", id, "--notes", "ok"));
            remote.put("closed request", closedRemote.code());
            remoteNext.put("closed request", next(closedRemote));
        }
        Result closedLocal = local(List.of("bob", "approve", id, "--notes", "ok"));
        local.put("closed request", closedLocal.code());
        localNext.put("closed request", next(closedLocal));

        assertThat(remote).isEqualTo(local);
        assertThat(remoteNext).as("the next step printed under the error").isEqualTo(localNext);
        assertThat(localNext.get("not found")).isEqualTo("List requests with `maa requests list --all`.");
        assertThat(localNext.get("closed request"))
                .isEqualTo("See it and its history with `maa requests show " + id + "`.");
        assertThat(localNext.get("own request"))
                .as("no next step for a refusal")
                .isEmpty();
        expected.forEach((what, code) -> assertThat(local.get(what)).as(what).isEqualTo(code));
        assertThat(local.get("closed request")).isEqualTo(ExitCodes.CONFLICT);
    }

    /** The line {@code maa: next: ...} of a failed command, or "" if it printed none. */
    private static String next(Result r) {
        return r.err()
                .lines()
                .filter(l -> l.startsWith("maa: next: "))
                .map(l -> l.substring("maa: next: ".length()))
                .findFirst()
                .orElse("");
    }

    private Result local(List<String> userAndArgs) {
        List<String> all = new ArrayList<>(userAndArgs.subList(1, userAndArgs.size()));
        all.addAll(List.of("--as", userAndArgs.get(0), "--home", home.toString()));
        return maa(all.toArray(String[]::new));
    }

    private Result remote(MaaServer server, List<String> userAndArgs) {
        try {
            Path token = Files.writeString(
                    home.resolve(userAndArgs.get(0) + ".token"),
                    DevUsersFile.createToken(home.resolve("users.yaml"), userAndArgs.get(0)));
            List<String> all = new ArrayList<>(userAndArgs.subList(1, userAndArgs.size()));
            all.addAll(List.of("--server", server.uri().toString(), "--token-file", token.toString()));
            return maa(all.toArray(String[]::new));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private MaaServer startServer() {
        return MaaServer.start(
                ServerSetup.configure(ServerSettings.defaults(home).withListen(0, "127.0.0.1")));
    }
}
