package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalAssurance;
import dev.maa.api.CompletionMode;
import dev.maa.api.Decision;
import dev.maa.api.Factor;
import dev.maa.api.Status;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyEnrollment;
import dev.maa.core.signing.TrustedKeys;
import dev.maa.core.testing.Passkeys.Anchor;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.store.jdbc.JdbcApproverKeyStore;
import dev.maa.store.jdbc.JdbcStores;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Enrollment of a passkey by the signed approvals of already-trusted keys, in headless Chromium with a virtual
 * authenticator: bob and carol hold anchor-enrolled passkeys; sam registers one and asks other admins; bob and carol
 * approve sam's key enrollment with their passkeys, sam completes it, and sam's new key then signs an approval that
 * counts when alice's request completes (the call runs once). {@code -Dmaa.browser.tests=false} skips it.
 */
class PasskeyEnrollmentBrowserTest {

    @TempDir
    static Path tmp;

    private static final Anchor ANCHOR = Anchor.create("security", KeyAlgorithm.EDDSA);

    private static TestServer t;
    private static String origin;
    private static WebDriver driver;
    private static ConsolePage page;
    private static PasskeySteps steps;
    private static Map<String, String> tokens;

    @BeforeAll
    static void start() throws IOException {
        Path users = tmp.resolve("users.yaml");
        DevUsersFile.createIfMissing(
                users,
                Map.of(
                        "alice", List.of("App Admins"),
                        "bob", List.of("App Approvers"),
                        "carol", List.of("App Approvers", "Security Admins"),
                        "sam", List.of("App Admins", "App Approvers")));
        tokens = Map.of(
                "alice", DevUsersFile.createToken(users, "alice"),
                "bob", DevUsersFile.createToken(users, "bob"),
                "carol", DevUsersFile.createToken(users, "carol"),
                "sam", DevUsersFile.createToken(users, "sam"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        origin = "http://localhost:" + port;
        Decision keyChange = Decision.requireApproval(
                List.of(new Factor("approver-keys", Set.of("App Approvers"), 2, ApprovalAssurance.PASSKEY)),
                Duration.ofHours(24),
                CompletionMode.MANUAL,
                false,
                "a key change needs two other admins' passkeys");
        t = new TestServer(
                JdbcStores.h2InMemory(
                        "passkey_enroll_" + UUID.randomUUID().toString().substring(0, 8)),
                store -> TestServer.USERS,
                (engine, store) -> engine.policyEngine(PasskeySteps.passkey(
                                EmbeddedRegoPolicyEngine.demo(),
                                in -> in.resource().typeName().equals("CUSTOM:" + KeyEnrollment.RESOURCE)
                                        ? keyChange
                                        : null))
                        .approvalSigning(new ApprovalSigning(
                                ANCHOR.anchors(), JdbcApproverKeyStore.of(store), "localhost", Set.of(origin))),
                server -> server.auth(AuthConfig.devTokens(users)).port(port));
        driver = Chromium.start(tmp.resolve("chrome"));
        page = new ConsolePage(driver);
        steps = new PasskeySteps(page, origin);
        driver.get(origin + "/console/");
        ((HasVirtualAuthenticator) driver)
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true)
                        .setIsUserConsenting(true));
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
    void twoTrustedAdminsApproveAThirdAdminsKey_withTheirPasskeys_thenTheNewKeysApprovalCounts() throws Exception {
        for (String admin : List.of("bob", "carol")) {
            signIn(admin);
            String keyId = steps.registerPasskey("register-passkey", "pending enrollment");
            steps.storeEnrollment(ANCHOR, admin, keyId);
            page.signOut();
        }

        signIn("sam");
        String samKey =
                steps.registerPasskey("register-passkey-approvals", "pending approval", "CHG-77 sam's new laptop");
        String enrollment = page.text("enrollment-request").replace("request ", "");
        assertThat(page.text("pending-keys")).contains(samKey, enrollment, "CHG-77 sam's new laptop");
        assertThat(t.request(enrollment).justification()).isEqualTo("CHG-77 sam's new laptop");
        page.shot("e1-sam-asks");
        page.signOut();

        signIn("bob");
        driver.get(origin + "/console/#/requests/" + enrollment);
        page.waitForText("justification", "CHG-77 sam's new laptop"); // what the approvers read before they sign
        steps.approveWithPasskey(enrollment, "sam's new laptop", "KeyEnrollmentTarget.apply", "Needs approval");
        page.signOut();
        signIn("carol");
        steps.approveWithPasskey(enrollment, "confirmed with sam", "KeyEnrollmentTarget.apply", "Approved");
        page.signOut();

        signIn("sam");
        driver.get(origin + "/console/#/requests/" + enrollment);
        page.click(By.id("complete"));
        page.wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Completed"));
        page.click(By.id("nav-passkeys"));
        page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trusted-keys"), samKey));
        assertThat(page.text("trusted-keys")).contains("trusted by approvals of bob, carol");
        page.shot("e2-sam-trusted");
        TrustedKeys.TrustedKey trusted =
                t.engine.approvalSigning().trustedKeys().get(samKey);
        assertThat(trusted.approvers()).containsExactly("bob", "carol");

        String id = t.parkUpdate("alice", "app-enrolled", "CHG-5003 roll out Contoso 2.0");
        steps.approveWithPasskey(id, "Checked", "AppCatalog.updateApp", "Approved");
        page.signOut();
        signIn("alice");
        driver.get(origin + "/console/#/requests/" + id);
        page.click(By.id("complete"));
        page.wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Completed"));

        assertThat(t.request(id).status()).isEqualTo(Status.COMPLETED);
        assertThat(t.request(id).reviews())
                .singleElement()
                .satisfies(r -> assertThat(r.reviewer()).isEqualTo("sam"));
        assertThat(t.effects.count("updated app app-enrolled to 2.0")).isEqualTo(1);

        revokedThroughTheButton_thenTheKeysApprovalNoLongerCounts(samKey);
    }

    /** Sam approves alice's next request, then revokes the key with the Passkeys page's button; bob and carol approve. */
    private void revokedThroughTheButton_thenTheKeysApprovalNoLongerCounts(String samKey) throws Exception {
        String id = t.parkUpdate("alice", "app-revoked", "CHG-5004 roll out Contoso 2.0");
        page.signOut();
        signIn("sam");
        steps.approveWithPasskey(id, "Checked", "AppCatalog.updateApp", "Approved");
        page.click(By.id("nav-passkeys"));
        page.click(By.cssSelector("button.revoke-key[data-key='" + samKey + "']"));
        page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-revocation")));
        assertThat(page.text("revoking-key")).isEqualTo(samKey);
        assertThat(page.text("confirm-revocation"))
                .contains("its approvals no longer count")
                .contains("every key it vouched for loses trust");
        page.type("revoke-justification", "CHG-78 laptop lost");
        page.click(By.id("revoke-confirm"));
        page.waitForText("pending-keys", "revoke of key " + samKey);
        page.shot("e3-sam-revokes");
        String revocation = new dev.maa.core.KeyEnrollments(t.engine)
                .pending(samKey)
                .orElseThrow()
                .id();
        page.signOut();
        for (String admin : List.of("bob", "carol")) {
            signIn(admin);
            steps.approveWithPasskey(
                    revocation,
                    "lost",
                    "KeyEnrollmentTarget.apply",
                    admin.equals("bob") ? "Needs approval" : "Approved");
            page.signOut();
        }
        signIn("sam");
        driver.get(origin + "/console/#/requests/" + revocation);
        page.click(By.id("complete"));
        page.wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Completed"));
        page.click(By.id("nav-passkeys"));
        page.waitForText("revoked-keys", samKey);
        assertThat(page.text("revoked-keys")).contains("revoked: its approvals no longer count");
        assertThat(page.text("trusted-keys")).doesNotContain(samKey);
        page.shot("e4-sam-revoked");
        page.signOut();

        signIn("alice");
        driver.get(origin + "/console/#/requests/" + id);
        page.click(By.id("complete"));
        page.wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Failed"));
        assertThat(t.request(id).outcome()).contains("is revoked");
        assertThat(t.effects.count("updated app app-revoked to 2.0")).isZero();
    }

    private static void signIn(String user) {
        steps.signIn(tokens.get(user), user);
    }
}
