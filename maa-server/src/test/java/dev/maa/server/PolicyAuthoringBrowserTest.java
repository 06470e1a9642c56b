package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.server.internal.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 20, authoring in the console (headless Chromium): alice creates an access policy through the wizard and
 * writes a custom Rego rule in the code editor (a syntax error shown at its line, fixed, its tests run), carol
 * approves, the policy set is active; an edit made on a revision that is no longer active is refused with the diff.
 * Screenshots under {@code target/screenshots/authoring-*}.
 */
class PolicyAuthoringBrowserTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String BROKEN = "package maa.custom\n\nweekend_days := {\"Saturday\", \"Sunday\"}\n\n"
            + "is_weekend(day) if {\n  day in weekend_days ))\n}\n";
    private static final String FIXED = BROKEN.replace("weekend_days ))", "weekend_days");
    private static final String TESTS = "package maa.custom_test\n\n"
            + "test_saturday_is_weekend if data.maa.custom.is_weekend(\"Saturday\")\n\n"
            + "test_monday_is_not if not data.maa.custom.is_weekend(\"Monday\")\n";

    @TempDir
    static Path tmp;

    private static TestServer t;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static String aliceToken;
    private static String carolToken;

    @BeforeAll
    static void start() throws IOException {
        Path users = tmp.resolve("users.yaml");
        DevUsersFile.createIfMissing(
                users, Map.of("alice", List.of("App Admins"), "carol", List.of("App Approvers", "Security Admins")));
        aliceToken = DevUsersFile.createToken(users, "alice");
        carolToken = DevUsersFile.createToken(users, "carol");
        t = new TestServer(AuthConfig.devTokens(users));
        driver = Chromium.start(tmp.resolve("chrome"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        Files.createDirectories(SHOTS);
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
    void wizardAndRegoEditor_submitChanges_thatAnotherAdminApproves_andAStaleEditIsRefused() throws IOException {
        signIn(aliceToken, "alice");
        driver.get(t.uri("/console/#/policies").toString());
        click(By.id("create-policy"));
        type("wiz-name", "Script deletion");
        new Select(driver.findElement(By.id("wiz-profile-type"))).selectByValue("SCRIPT");
        type("wiz-actions", "delete");
        click(By.id("wizard-next"));
        type("wiz-approver-groups", "Security Admins");
        click(By.id("wizard-next"));
        type("wiz-ttl", "12h");
        click(By.id("wizard-next"));
        waitForText("wizard-diff", "+  - name: Script deletion");
        assertThat(text("wizard-diff")).contains("+    ttl: 12h", "+    actions:");
        shot("authoring-1-review");
        type("wiz-submit-justification", "CHG-20 script deletions need a security admin");
        click(By.id("wizard-submit"));
        String created = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request")))
                .getAttribute("data-id");
        assertThat(text("diff")).contains("+  - name: Script deletion");

        // the Rego editor, opened on revision 0: a syntax error is shown at its line, fixed, its tests run
        driver.get(t.uri("/console/#/rego").toString());
        setEditor("rego-module", BROKEN);
        setEditor("rego-tests", TESTS);
        click(By.id("rego-run-tests"));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".rego-error")));
        assertThat(error.getAttribute("data-line")).isEqualTo("6");
        assertThat(text("rego-problems")).contains("custom.rego:6:");
        shot("authoring-2-syntax-error");
        setEditor("rego-module", FIXED);
        click(By.id("rego-run-tests"));
        WebElement results = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rego-test-results .test-results")));
        assertThat(results.getAttribute("data-failed")).isEqualTo("0");
        assertThat(driver.findElements(By.cssSelector(".rego-error"))).isEmpty();

        // meanwhile the wizard's change is approved and completed: the editor's base is stale now
        approveAndComplete(created);
        type("rego-justification", "CHG-21 weekend helper");
        click(By.id("rego-submit"));
        waitForText("rego-problems", "revision 1 is active");
        assertThat(text("rego-problems")).contains("+  - name: Script deletion");
        shot("authoring-3-stale");

        // reloaded on revision 1, the same edit is submitted; carol approves it in the console, alice completes it
        driver.navigate().refresh();
        setEditor("rego-module", FIXED);
        setEditor("rego-tests", TESTS);
        type("rego-justification", "CHG-21 weekend helper");
        click(By.id("rego-submit"));
        String id = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request")))
                .getAttribute("data-id");
        assertThat(text("diff")).contains("+is_weekend(day) if {", "+test_monday_is_not");

        signOut();
        signIn(carolToken, "carol");
        driver.get(t.uri("/console/#/requests/" + id).toString());
        click(By.id("approve"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("request-status"), "Approved"));
        shot("authoring-4-approved");
        signOut();
        signIn(aliceToken, "alice");
        driver.get(t.uri("/console/#/requests/" + id).toString());
        click(By.id("complete"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("request-status"), "Completed"));

        JsonNode policies = json(t.get("/api/v1/policies", aliceToken));
        assertThat(policies.path("baseRevision").asLong()).isEqualTo(2);
        assertThat(policies.path("modules").path("custom.rego").asText()).isEqualTo(FIXED);
        assertThat(policies.path("entries").findValuesAsText("name")).contains("Script deletion");
        driver.get(t.uri("/console/#/policies").toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("policies"), "Script deletion"));
        shot("authoring-5-active");
    }

    /** Waits for {@code text} in element {@code id}; on a timeout the failure shows what the page says instead. */
    private static void waitForText(String id, String text) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("'" + text + "' not in #" + id + "; the page says: " + text("view"), e);
        }
    }

    private static void approveAndComplete(String id) {
        HttpResponse<String> approved = t.post("/api/v1/requests/" + id + "/approve", carolToken, "{}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        HttpResponse<String> completed = t.post("/api/v1/requests/" + id + "/complete", aliceToken, "{}");
        assertThat(json(completed).path("status").asText()).as(completed.body()).isEqualTo("COMPLETED");
    }

    private static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.mapper().readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError(res.body(), e);
        }
    }

    /** Replaces the text of the CodeMirror editor inside element {@code id}, as a paste would. */
    private static void setEditor(String id, String text) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#" + id + " .CodeMirror")));
        ((JavascriptExecutor) driver)
                .executeScript(
                        "document.querySelector('#' + arguments[0] + ' .CodeMirror').CodeMirror.setValue(arguments[1])",
                        id,
                        text);
    }

    private static void signIn(String token, String user) {
        driver.get(t.uri("/console/").toString());
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        input.sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.textToBe(By.id("whoami"), user));
    }

    private static void signOut() {
        click(By.id("sign-out"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    }

    private static void type(String id, String value) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(value);
    }

    private static void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }
}
