package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console signed in through a real OpenID Connect provider ({@link OidcFixture}) in headless Chromium: sign-in,
 * a review by a second administrator, sign-out through the provider, and a session that ends when left idle. The
 * page never holds a token: the session cookie is HttpOnly and nothing is kept in web storage.
 */
class OidcConsoleBrowserTest {

    @TempDir
    static Path tmp;

    private static OidcFixture idp;
    private static TestServer t;
    private static TestServer idle;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        idp = new OidcFixture();
        t = new TestServer(AuthConfig.oidc(idp.settings(), null));
        idle = new TestServer(AuthConfig.oidc(idp.settings("session_idle_timeout: 2s"), null));
        driver = Chromium.start(tmp.resolve("chrome"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        for (AutoCloseable c : new AutoCloseable[] {t, idle, idp}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the next one matters more
            }
        }
    }

    @Test
    void signIn_approveAsSecondAdmin_signOut() {
        String id = t.parkUpdate("alice", "app-sso", "CHG-6001 roll out Contoso 2.0");
        signIn(t, "bob");
        assertThat(driver.findElement(By.id("token-input")).isDisplayed()).isFalse();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat((String) js.executeScript("return document.cookie")).doesNotContain("maa_session");
        assertThat((Long) js.executeScript("return sessionStorage.length + localStorage.length"))
                .as("no token in web storage")
                .isLessThanOrEqualTo(2L);
        assertThat((String) js.executeScript("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"))
                .doesNotContain("eyJ")
                .doesNotContain("token");

        driver.get(t.uri("/console/#/requests/" + id).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
        driver.findElement(By.id("notes")).sendKeys("Checked; signed in through the identity provider");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Approved"));
        assertThat(t.request(id).status()).isEqualTo(Status.APPROVED);
        assertThat(t.request(id).reviews().get(0).reviewer()).isEqualTo("bob");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
        wait.until(d -> !d.getCurrentUrl().startsWith(t.uri("/console/").toString())
                || d.findElement(By.id("oidc-sign-in")).isDisplayed());
        driver.get(t.uri("/console/").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("oidc-sign-in")));
        assertThat(driver.findElement(By.id("app")).isDisplayed()).isFalse();
    }

    @Test
    void idleSession_ends_andTheConsoleAsksToSignInAgain() {
        signIn(idle, "carol");

        // the console keeps polling in the background; polls do not count as activity, so the session ends
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "no longer valid"));

        assertThat(driver.findElement(By.id("oidc-sign-in")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("app")).isDisplayed()).isFalse();
    }

    private static void signIn(TestServer server, String user) {
        driver.get(server.uri("/console/").toString());
        driver.manage().deleteAllCookies();
        driver.navigate().refresh();
        idp.nextUser(user);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("oidc-sign-in")))
                .click();
        wait.until(ExpectedConditions.textToBe(By.id("whoami"), user));
    }
}
