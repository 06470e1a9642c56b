package dev.maa.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A test server with dev-token sign-in and a headless Chromium on its console, with the steps browser tests
 * repeat: sign in as a user of the users file, click, type, read, wait for a text, save a screenshot under
 * {@code target/screenshots/}. One place for them, so each browser test says only what it checks.
 */
final class ConsoleSession implements AutoCloseable {

    private static final Path SHOTS = Path.of("target", "screenshots");

    final TestServer server;
    final WebDriver driver;
    final WebDriverWait wait;
    private final Map<String, String> tokens = new HashMap<>();

    /** A server whose dev users file (under {@code dir}) holds {@code users} with their groups, and a browser. */
    ConsoleSession(Path dir, Map<String, List<String>> users) throws IOException {
        Path file = dir.resolve("users.yaml");
        DevUsersFile.createIfMissing(file, users);
        for (String user : users.keySet()) {
            tokens.put(user, DevUsersFile.createToken(file, user));
        }
        server = new TestServer(AuthConfig.devTokens(file));
        WebDriver started = null;
        try {
            started = Chromium.start(dir.resolve("chrome"));
        } finally {
            if (started == null) {
                server.close();
            }
        }
        driver = started;
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        Files.createDirectories(SHOTS);
    }

    /** {@code user}'s API token (a dev token of the users file). */
    String token(String user) {
        return tokens.get(user);
    }

    void signIn(String user) {
        driver.get(server.uri("/console/").toString());
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        input.clear();
        input.sendKeys(token(user));
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.textToBe(By.id("whoami"), user));
    }

    void signOut() {
        click(By.id("sign-out"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    }

    /** Opens the console at {@code hash}, e.g. {@code #/policies}. */
    void open(String hash) {
        driver.get(server.uri("/console/" + hash).toString());
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    void type(String id, String value) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(value);
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits for {@code text} in element {@code id}; on a timeout the failure shows what the page says instead. */
    void waitForText(String id, String text) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
        } catch (TimeoutException e) {
            throw new AssertionError("'" + text + "' not in #" + id + "; the page says: " + text("view"), e);
        }
    }

    void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
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
