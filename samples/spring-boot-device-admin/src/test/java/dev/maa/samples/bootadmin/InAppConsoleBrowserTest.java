package dev.maa.samples.bootadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web console served by the application ({@code maa.web.console.enabled}) in a real headless Chromium
 * (Debian's chromium + chromium-driver, as maa-server's ConsoleBrowserTest): bob signs in with the application's
 * sign-in form (Spring Security), opens the request alice's delete parked, and approves it from the console, which
 * calls the in-app API with Spring Security's CSRF token; alice completes it and the app is deleted once. A reader
 * opens the "Access policies" and "All requests" pages, served from the application's API too.
 *
 * <p>Runs by default and fails when the browser is missing; {@code -Dmaa.browser.tests=false} skips it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InAppConsoleBrowserTest {

    private static final String PASSWORD = "sample-console-password";
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("maa.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("maa.chromium", "/usr/bin/chromium"));

    @TempDir
    static Path home;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("maa.home", () -> home.resolve("maa").toString());
        registry.add("sample.password", () -> PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    DeviceService devices;

    @Autowired
    MaaEngine engine;

    private WebDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void approver_signsInToTheApp_andApprovesFromTheInAppConsole() throws Exception {
        String id = parkDelete("alice", "42", "CHG-2001 remove retired app 42");
        WebDriverWait wait = signInToTheConsole("bob");
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#requests[data-view=received] tr.request-row[data-id='" + id + "']")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
        assertThat(driver.findElement(By.id("justification")).getText()).isEqualTo("CHG-2001 remove retired app 42");
        assertThat(driver.findElement(By.id("parked-call")).getText()).contains("deleteApp", "42");
        driver.findElement(By.id("notes")).sendKeys("checked with the app owner");
        driver.findElement(By.id("approve")).click();

        wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Approved"));
        assertThat(driver.findElement(By.id("reviews")).getText()).contains("bob", "checked with the app owner");
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.APPROVED);
        assertThat(devices.hasApp("42")).isTrue();

        engine.approvals().complete(id, Principal.of("alice", "App Admins"));
        assertThat(devices.hasApp("42")).isFalse();
        assertThat(devices.changes()).containsOnlyOnce("deleted app 42");
    }

    @Test
    void reader_seesTheAccessPolicies_andAllRequests_fromTheApp() throws Exception {
        String id = parkDelete("alice", "44", "CHG-2003 remove retired app 44");
        // carol is in Security Admins, the sample's maa.web.reader-groups
        WebDriverWait wait = signInToTheConsole("carol");

        driver.findElement(By.id("nav-policies")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#policies tr.policy-row")));
        assertThat(driver.findElement(By.id("policies")).getText()).contains("App changes", "Device wipe");
        assertThat(driver.findElement(By.id("policy-revision")).getText()).isNotEqualTo("-");
        assertThat(driver.findElement(By.id("message")).isDisplayed()).isFalse();

        driver.findElement(By.id("nav-all")).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#requests[data-view=all] tr.request-row[data-id='" + id + "']")));
        assertThat(row.getText()).contains("alice", "CHG-2003 remove retired app 44");
        assertThat(driver.findElement(By.id("message")).isDisplayed()).isFalse();
    }

    @Test
    void consoleCall_withoutTheCsrfToken_isRefused_andApprovesNothing() throws Exception {
        String id = parkDelete("alice", "43", "CHG-2002 remove retired app 43");
        signInToTheConsole("bob");

        // what another site's page could send with bob's session cookie: the same call without the token
        Object status = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch('/maa/api/v1/requests/' + arguments[0] + '/approve', {method: 'POST',"
                                + " credentials: 'same-origin', headers: {'Content-Type': 'application/json'},"
                                + " body: '{}'}).then(r => done(r.status), e => done(String(e)));",
                        id);

        assertThat(status).isEqualTo(403L);
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    /**
     * Opens the console, which sends the browser to the application's sign-in form, signs in as {@code user} and
     * waits until the console shows who is signed in.
     */
    private WebDriverWait signInToTheConsole(String user) throws Exception {
        driver = chromium();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get("http://127.0.0.1:" + port + "/maa/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("whoami"), user));
        return wait;
    }

    /** Parks {@code DeviceService.deleteApp} as {@code user}, as the controller would; returns the request id. */
    private String parkDelete(String user, String app, String why) {
        try (Maa.Scope as = Maa.actingAs(Principal.of(user, "App Admins"));
                Maa.Scope justified = Maa.justify(why)) {
            devices.deleteApp(app);
        } catch (dev.maa.api.ApprovalRequiredException e) {
            return e.requestId();
        }
        throw new AssertionError("deleting app " + app + " was not parked");
    }

    private static WebDriver chromium() throws Exception {
        assumeTrue(
                !"false".equals(System.getProperty("maa.browser.tests")),
                "browser tests disabled with -Dmaa.browser.tests=false");
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            fail("This test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver, or run with -Dmaa.browser.tests=false.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(home.resolve("chrome-" + System.nanoTime())));
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }
}
