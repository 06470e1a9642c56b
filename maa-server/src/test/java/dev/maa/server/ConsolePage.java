package dev.maa.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console's page in a browser test: the steps every console test takes, written once. */
class ConsolePage {

    private static final Path SHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    final WebDriverWait wait;

    ConsolePage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        try {
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pastes {@code token} on the sign-in page and waits until the console shows {@code user}. */
    void signIn(String token, String user) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        input.clear();
        input.sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.textToBe(By.id("whoami"), user));
    }

    void signOut() {
        click(By.id("sign-out"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    void type(String id, String value) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(value);
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

    /** Saves the page as {@code target/screenshots/NAME.png}. */
    void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
