package dev.maa.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebDriver;

/**
 * A test server with dev-token sign-in and a headless Chromium on its console: the {@link ConsolePage} steps, plus
 * signing in as a user of the users file by name. One place for them, so each browser test says only what it checks.
 */
final class ConsoleSession extends ConsolePage implements AutoCloseable {

    final TestServer server;
    private final Map<String, String> tokens;

    private ConsoleSession(TestServer server, WebDriver driver, Map<String, String> tokens) {
        super(driver);
        this.server = server;
        this.tokens = tokens;
    }

    /** A server whose dev users file (under {@code dir}) holds {@code users} with their groups, and a browser. */
    static ConsoleSession start(Path dir, Map<String, List<String>> users) throws IOException {
        return start(dir, users, (engine, store) -> {});
    }

    /** As {@link #start(Path, Map)}, the server's engine settings changed by {@code engine} (e.g. its policies). */
    static ConsoleSession start(
            Path dir,
            Map<String, List<String>> users,
            java.util.function.BiConsumer<dev.maa.core.MaaEngine.Builder, dev.maa.store.jdbc.JdbcRequestStore> engine)
            throws IOException {
        Path file = dir.resolve("users.yaml");
        DevUsersFile.createIfMissing(file, users);
        Map<String, String> tokens = new HashMap<>();
        for (String user : users.keySet()) {
            tokens.put(user, DevUsersFile.createToken(file, user));
        }
        TestServer server = new TestServer(
                dev.maa.store.jdbc.JdbcStores.h2InMemory(
                        "console" + java.util.UUID.randomUUID().toString().substring(0, 8)),
                store -> TestServer.USERS,
                engine,
                config -> config.auth(AuthConfig.devTokens(file)).trustTokenGroups(false));
        WebDriver driver = null;
        try {
            driver = Chromium.start(dir.resolve("chrome"));
        } finally {
            if (driver == null) {
                server.close();
            }
        }
        return new ConsoleSession(server, driver, tokens);
    }

    /** {@code user}'s API token (a dev token of the users file). */
    String token(String user) {
        return tokens.get(user);
    }

    /** Opens the console and signs in as {@code user}. */
    void signIn(String user) {
        open("");
        signIn(token(user), user);
    }

    /** Opens the console at {@code hash}, e.g. {@code #/policies}. */
    void open(String hash) {
        driver.get(server.uri("/console/" + hash).toString());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            server.close();
        }
    }
}
