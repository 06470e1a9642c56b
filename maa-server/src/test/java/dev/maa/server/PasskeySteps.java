package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.ApprovalAssurance;
import dev.maa.api.Decision;
import dev.maa.api.PolicyEngine;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.core.testing.Passkeys.Anchor;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console steps the passkey browser tests share (register, enroll with an anchor, sign a review), written once
 * over a {@link ConsolePage}, and the policy wrapper that makes the demo policies' factors passkey factors.
 */
final class PasskeySteps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENROLL = Pattern.compile("--key-id (\\S+) --alg (\\S+) --public-key (\\S+)");

    private final ConsolePage page;
    private final String origin;

    PasskeySteps(ConsolePage page, String origin) {
        this.page = page;
        this.origin = origin;
    }

    /** Signs {@code user} in afresh (no cookie of the last user), once the first page has rendered. */
    void signIn(String token, String user) {
        page.driver.get(origin + "/console/");
        page.driver.manage().deleteAllCookies();
        page.driver.navigate().refresh();
        page.signIn(token, user);
        // the first page has rendered: a later click is not overwritten by it
        page.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view > *")));
    }

    /**
     * Registers a passkey in the virtual authenticator from the Passkeys page with button {@code button}
     * ({@code register-passkey}: an anchor enrolls it; {@code register-passkey-approvals}: other admins approve it);
     * its credential id.
     */
    String registerPasskey(String button, String expectedState) {
        return registerPasskey(button, expectedState, null);
    }

    /** As {@link #registerPasskey(String, String)}, asking with {@code justification} (when not {@code null}). */
    String registerPasskey(String button, String expectedState, String justification) {
        page.click(By.id("nav-passkeys"));
        if (justification != null) {
            page.type("enroll-justification", justification);
        }
        page.click(By.id(button));
        WebElement registered = page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("registered")));
        assertThat(registered.getText()).contains(expectedState);
        assertThat(page.text("trusted-keys")).doesNotContain(page.text("registered-key"));
        return page.text("registered-key");
    }

    /** {@code anchor} signs the enrollment the page's command names; the record is pasted and stored in the page. */
    void storeEnrollment(Anchor anchor, String reviewer, String keyId) throws IOException {
        Matcher m = ENROLL.matcher(page.text("enroll-command"));
        assertThat(m.find()).as(page.text("enroll-command")).isTrue();
        assertThat(m.group(1)).isEqualTo(keyId);
        SignedKeyRecord record = anchor.sign(KeyRecord.enroll(
                keyId,
                reviewer,
                KeyAlgorithm.fromWire(m.group(2)),
                Base64.getUrlDecoder().decode(m.group(3)),
                Instant.now()));
        WebElement box = page.driver.findElement(By.id("enrollment"));
        box.clear();
        box.sendKeys(JSON.writeValueAsString(
                Map.of("record", record.record(), "signer", record.signer(), "signature", record.signature())));
        page.click(By.id("store-enrollment"));
        page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trusted-keys"), keyId));
    }

    /**
     * The signed-in approver opens request {@code id}, reads the statement (its call showing {@code call}), signs it
     * with the passkey, and the request shows {@code statusAfter}.
     */
    void approveWithPasskey(String id, String notes, String call, String statusAfter) throws IOException {
        page.driver.get(origin + "/console/#/requests/" + id);
        WebElement approve = page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
        assertThat(approve.getText()).contains("passkey");
        page.driver.findElement(By.id("notes")).sendKeys(notes);
        approve.click();
        page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-panel")));
        assertThat(page.text("sign-digest")).isEqualTo(page.text("digest"));
        assertThat(page.text("sign-request")).isEqualTo(id);
        assertThat(page.text("sign-call")).contains(call);
        page.shot("p3-statement-" + id.substring(0, 8));
        page.click(By.id("sign"));
        page.wait.until(ExpectedConditions.textToBe(By.id("request-status"), statusAfter));
    }

    /** {@code policies} with every factor a passkey factor, or {@code override}'s decision where it gives one. */
    static PolicyEngine passkey(PolicyEngine policies, Function<dev.maa.api.PolicyInput, Decision> override) {
        return new PolicyEngine() {
            @Override
            public Decision decide(dev.maa.api.PolicyInput input) {
                Decision mine = override.apply(input);
                if (mine != null) {
                    return mine;
                }
                Decision d = policies.decide(input);
                return new Decision(
                        d.effect(),
                        d.factors().stream()
                                .map(f -> f.withAssurance(ApprovalAssurance.PASSKEY))
                                .toList(),
                        d.ttl(),
                        d.completion(),
                        d.justificationRequired(),
                        d.reasons(),
                        d.policyRevision());
            }

            @Override
            public String revision() {
                return policies.revision();
            }
        };
    }
}
