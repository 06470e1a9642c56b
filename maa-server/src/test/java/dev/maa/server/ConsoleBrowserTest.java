package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Principal;
import dev.maa.api.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium + chromium-driver, no downloads): the requester
 * submits through the sample, an approver approves with notes, the requester completes; each step is asserted on
 * the page and saved as a screenshot under {@code target/screenshots/}.
 *
 * <p>Runs by default and fails when the browser is missing (CI installs it); {@code -Dmaa.browser.tests=false}
 * skips it on machines without a browser.
 */
class ConsoleBrowserTest {

    @TempDir
    static Path tmp;

    private static TestServer t;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static ConsolePage page;
    private static String aliceToken;
    private static String bobToken;

    @BeforeAll
    static void start() throws IOException {
        Path users = tmp.resolve("users.yaml");
        DevUsersFile.createIfMissing(
                users,
                Map.of(
                        "alice",
                        List.of("App Admins"),
                        "bob",
                        List.of("App Approvers"),
                        "carol",
                        List.of("App Approvers", "Security Admins")));
        aliceToken = DevUsersFile.createToken(users, "alice");
        bobToken = DevUsersFile.createToken(users, "bob");
        t = new TestServer(AuthConfig.devTokens(users));

        driver = Chromium.start(tmp.resolve("chrome"));
        page = new ConsolePage(driver);
        wait = page.wait;
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (t != null) {
            t.close();
        }
    }

    @Test
    void requester_approver_requester_throughTheConsole() throws IOException {
        String id = t.parkUpdate("alice", "app-console", "CHG-4711 roll out Contoso 2.0 to all Windows devices");

        freshSession();
        shot("01-sign-in");

        signIn(aliceToken, "alice");
        click(By.id("nav-mine"));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#requests[data-view=mine] tr.request-row[data-id='" + id + "']")));
        assertThat(row.getText())
                .contains("Needs approval", "APP", "UPDATE", "app-console", "alice", "CHG-4711", "0/1");
        shot("02-my-requests");

        click(By.id("nav-policies"));
        WebElement policies = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("policies")));
        assertThat(policies.getText()).contains("App changes", "App Approvers");
        WebElement input = driver.findElement(By.id("eval-input"));
        input.clear();
        input.sendKeys(
                "{\"input\": {\"principal\": {\"id\": \"eve\", \"groups\": []}, \"resource\": {\"type\": \"APP\","
                        + " \"id\": \"app-1\", \"platform\": \"windows\"}, \"action\": \"DELETE\", \"justification\": \"INC-7\","
                        + " \"emergency\": true}}");
        click(By.id("evaluate"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("eval-result"), "break_glass"));
        assertThat(text("eval-result")).contains("runs at once", "require_approval");
        shot("03-access-policies");
        signOut();

        signIn(bobToken, "bob");
        click(By.id("nav-received"));
        click(By.cssSelector("#requests[data-view=received] tr.request-row[data-id='" + id + "']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
        assertThat(text("request-status")).isEqualTo("Needs approval");
        assertThat(text("justification")).isEqualTo("CHG-4711 roll out Contoso 2.0 to all Windows devices");
        assertThat(text("parked-call"))
                .contains("AppCatalog.updateApp", "app", "dev.maa.samples.deviceadmin.App", "\"version\" : \"2.0\"");
        assertThat(text("diff")).contains("-version: 1.0", "+version: 2.0");
        assertThat(driver.findElements(By.id("complete"))).isEmpty();
        driver.findElement(By.id("notes")).sendKeys("Checked with the app owner; release notes reviewed");
        shot("04-received-request");

        click(By.id("approve"));
        wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Approved"));
        assertThat(text("reviews")).contains("bob", "Approved", "Checked with the app owner; release notes reviewed");
        assertThat(driver.findElements(By.id("approve"))).isEmpty();
        shot("05-approved");
        signOut();

        signIn(aliceToken, "alice");
        driver.get(t.uri("/console/#/requests/" + id).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("complete")));
        assertThat(text("request-status")).isEqualTo("Approved");
        assertThat(driver.findElements(By.id("approve"))).isEmpty();
        click(By.id("complete"));
        wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Completed"));
        assertThat(text("history"))
                .contains(
                        "alice · Submitted · action: UPDATE",
                        "resource: APP/app-console",
                        "bob · Approved",
                        "Completed")
                .doesNotContain("{\"");
        assertThat(text("diff-source")).startsWith("Captured at park");
        assertThat(text("diff")).contains("-version: 1.0", "+version: 2.0");
        shot("06-completed");

        assertThat(t.request(id).status()).isEqualTo(Status.COMPLETED);
        assertThat(t.effects.count("updated app app-console to 2.0")).isEqualTo(1);
    }

    @Test
    void requestPage_updatesWhenTheRequestChanges() throws IOException {
        String id = t.parkUpdate("alice", "app-live", "CHG-4712 live update");
        openRequest(aliceToken, "alice", id);
        wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Needs approval"));

        t.engine.approvals().approve(id, Principal.of("carol", "App Approvers"), "approved elsewhere");

        wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Approved"));
        assertThat(text("reviews")).contains("carol", "approved elsewhere");
        shot("07-live-update");
    }

    @Test
    void hiddenCharacters_inObjectIdArgumentAndJustification_areShownEscaped_withAWarning() throws IOException {
        String id = t.parkUpdate("alice", "app-\u202Edorp-tset", "CHG-4713 app-prod\u200B\u001B[2J");
        openRequest(bobToken, "bob", id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));

        assertThat(text("object-id"))
                .contains("app-⟨U+202E⟩dorp-tset", "hidden characters")
                .doesNotContain("\u202E");
        assertThat(text("justification")).contains("app-prod⟨U+200B⟩⟨U+001B⟩[2J", "hidden characters");
        assertThat(text("parked-call"))
                .contains("app-⟨U+202E⟩dorp-tset", "hidden characters")
                .doesNotContain("\u202E");
        shot("08-hidden-characters");

        click(By.id("nav-received"));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#requests[data-view=received] tr.request-row[data-id='" + id + "']")));
        assertThat(row.getText())
                .contains("app-⟨U+202E⟩dorp-tset", "hidden characters")
                .doesNotContain("\u202E");
    }

    @Test
    void payloadTamperedInTheStore_showsTheMismatch_andOffersNoApproval() throws IOException {
        String id = t.parkUpdate("alice", "app-tampered", "CHG-4714");
        t.tamperPayload(id, t.request(id).payload().replace("\"2.0\"", "\"6.6.6\""));
        openRequest(bobToken, "bob", id);
        WebElement alert = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("digest-mismatch")));

        assertThat(alert.getText()).contains("payload does not match its digest — do not approve");
        // the engine refuses a review of this payload, so allowedActions offers none (RestApiTest: the refusal)
        assertThat(driver.findElements(By.id("approve"))).isEmpty();
        assertThat(driver.findElements(By.id("reject"))).isEmpty();
        shot("09-digest-mismatch");
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void signInPage_showsNoSidebar() {
        freshSession();

        assertThat(driver.findElement(By.id("token-input")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("nav-all")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("app")).getCssValue("display")).isEqualTo("none");
    }

    /** The sign-in page without a session cookie (tests share one browser). */
    private static void freshSession() {
        driver.get(t.uri("/console/").toString());
        driver.manage().deleteAllCookies();
        driver.get(t.uri("/console/#/").toString());
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    }

    private static void signIn(String token, String user) {
        page.signIn(token, user);
    }

    /** A fresh session of {@code user} on the page of request {@code id}. */
    private static void openRequest(String token, String user, String id) {
        freshSession();
        signIn(token, user);
        driver.get(t.uri("/console/#/requests/" + id).toString());
    }

    private static void signOut() {
        page.signOut();
    }

    private static void click(By by) {
        page.click(by);
    }

    private static String text(String id) {
        return page.text(id);
    }

    private static void shot(String name) throws IOException {
        page.shot(name);
    }
}
