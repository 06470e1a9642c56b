package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.AuditEventType;
import dev.maa.api.PolicyEngine;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.signing.Anchors;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.testing.Passkeys.Anchor;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.samples.deviceadmin.AppManagement;
import dev.maa.store.jdbc.JdbcApproverKeyStore;
import dev.maa.store.jdbc.JdbcStores;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkey-signed approvals in a real headless Chromium with a virtual authenticator (WebDriver's WebAuthn API, no
 * hardware): bob registers a passkey in the console, an anchor signs its enrollment, bob approves a request of a
 * passkey policy by signing its statement, alice completes it and the call runs once. And a server that trusts a key
 * the host does not (its enrollment signed by an anchor only the server has) gets the approval recorded, but the host
 * refuses it at completion and nothing runs.
 *
 * <p>The console is opened at {@code http://localhost:PORT} (a secure context, and a host name WebAuthn accepts as
 * relying-party id); {@code -Dmaa.browser.tests=false} skips it.
 */
class PasskeyConsoleBrowserTest {

    @TempDir
    static Path tmp;

    /** The host's anchor (the security team's). */
    private static final Anchor ANCHOR = Anchor.create("security", KeyAlgorithm.EDDSA);
    /** An anchor only the tampered server trusts. */
    private static final Anchor ROGUE = Anchor.create("rogue", KeyAlgorithm.EDDSA);

    private static TestServer t;
    private static String origin;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static ConsolePage page;
    private static Map<String, String> tokens;
    private static PasskeySteps steps;

    @BeforeAll
    static void start() throws IOException {
        Path users = tmp.resolve("users.yaml");
        DevUsersFile.createIfMissing(
                users,
                Map.of(
                        "alice", List.of("App Admins"),
                        "bob", List.of("App Approvers"),
                        "carol", List.of("App Approvers", "Security Admins")));
        tokens = Map.of(
                "alice", DevUsersFile.createToken(users, "alice"),
                "bob", DevUsersFile.createToken(users, "bob"),
                "carol", DevUsersFile.createToken(users, "carol"));
        int port = freePort();
        origin = "http://localhost:" + port;
        // the server's own anchors include ROGUE: a server an attacker changed; the host (below) has ANCHOR only
        t = new TestServer(
                JdbcStores.h2InMemory(
                        "passkeys_browser_" + UUID.randomUUID().toString().substring(0, 8)),
                store -> TestServer.USERS,
                (engine, store) -> engine.policyEngine(passkey(EmbeddedRegoPolicyEngine.demo()))
                        .approvalSigning(new ApprovalSigning(
                                Anchors.of(List.of(
                                        ANCHOR.anchors().all().get(0),
                                        ROGUE.anchors().all().get(0))),
                                JdbcApproverKeyStore.of(store),
                                "localhost",
                                Set.of(origin))),
                server -> server.auth(AuthConfig.devTokens(users)).port(port));

        driver = Chromium.start(tmp.resolve("chrome"));
        page = new ConsolePage(driver);
        steps = new PasskeySteps(page, origin);
        wait = page.wait;
        driver.get(origin + "/console/");
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) driver)
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true)
                        .setIsUserConsenting(true));
        assertThat(authenticator.getCredentials()).isEmpty();
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
    void register_anchorTrusts_approveWithPasskey_requesterCompletes_callRunsOnce() throws Exception {
        signIn("bob");
        String keyId = registerPasskey();
        shot("p1-registered-pending");
        storeEnrollment(ANCHOR, "bob", keyId);
        shot("p2-enrolled");

        String id = t.parkUpdate("alice", "app-passkey", "CHG-5001 roll out Contoso 2.0");
        approveWithPasskey(id, "Checked the release notes");
        assertThat(text("reviews")).contains("bob", "Approved", "Checked the release notes");
        shot("p4-approved");
        signOut();

        signIn("alice");
        driver.get(origin + "/console/#/requests/" + id);
        click(By.id("complete"));
        wait.until(ExpectedConditions.textToBe(By.id("request-status"), "Completed"));
        shot("p5-completed");

        assertThat(t.request(id).status()).isEqualTo(Status.COMPLETED);
        assertThat(t.effects.count("updated app app-passkey to 2.0")).isEqualTo(1);
        assertThat(t.engine.approvals().auditLog().forRequest(id).stream()
                        .filter(e -> e.event().type().equals(AuditEventType.APPROVED.name()))
                        .map(e -> e.event().detail()))
                .singleElement()
                .asString()
                .contains("\"signed\"", keyId);
        signOut();
    }

    @Test
    void approvalByAKeyTheHostDoesNotTrust_isRefusedAtCompletion_andNothingRuns() throws Exception {
        signIn("carol");
        String keyId = registerPasskey();
        // enrolled by an anchor only the (tampered) server trusts: the server records the approval
        storeEnrollment(ROGUE, "carol", keyId);
        String id = t.parkUpdate("alice", "app-rogue", "CHG-5002 roll out Contoso 2.0");
        approveWithPasskey(id, "looks fine");
        signOut();

        // the host that runs the call has the security team's anchor only
        MaaEngine host = MaaEngine.builder()
                .policyEngine(passkey(EmbeddedRegoPolicyEngine.demo()))
                .store(t.store)
                .directory(t.directory)
                .allowPackages("dev.maa.samples", "dev.maa.policies")
                .approvalSigning(new ApprovalSigning(
                        ANCHOR.anchors(), JdbcApproverKeyStore.of(t.store), "localhost", Set.of(origin)))
                .build();
        host.protect(AppManagement.class, t.catalog);
        var after = host.approvals().complete(id, t.directory.find("alice").orElseThrow());

        assertThat(after.status()).isEqualTo(Status.FAILED);
        assertThat(after.outcome()).contains("signature");
        assertThat(t.effects.count("updated app app-rogue to 2.0")).isZero();
        assertThat(host.approvals().auditLog().forRequest(id).stream()
                        .map(e -> e.event().type()))
                .contains(AuditEventType.SIGNATURES_REFUSED.name());
    }

    private static String registerPasskey() {
        return steps.registerPasskey("register-passkey", "pending enrollment");
    }

    private static void storeEnrollment(Anchor anchor, String reviewer, String keyId) throws Exception {
        steps.storeEnrollment(anchor, reviewer, keyId);
    }

    private static void approveWithPasskey(String id, String notes) throws IOException {
        steps.approveWithPasskey(id, notes, "AppCatalog.updateApp", "Approved");
    }

    private static PolicyEngine passkey(PolicyEngine policies) {
        return PasskeySteps.passkey(policies, input -> null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void signIn(String user) {
        steps.signIn(tokens.get(user), user);
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
