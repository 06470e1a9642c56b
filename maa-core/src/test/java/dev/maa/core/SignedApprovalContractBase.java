package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Action;
import dev.maa.api.ApprovalAssurance;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.Factor;
import dev.maa.api.Notification;
import dev.maa.api.Principal;
import dev.maa.api.RequestStore;
import dev.maa.api.ResourceType;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import dev.maa.core.internal.AuditDetails;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.signing.ApproverKeyStore;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.SignedReview;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.Passkeys.Anchor;
import dev.maa.core.testing.Passkeys.Authenticator;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * An engine whose app deletions need one passkey-signed approval (script deployments stay session; approver-key
 * changes two of App-Approvers, signed), an anchor, three
 * enrolled software passkeys (bob ES256, carol Ed25519, alice ES256) and the helpers the signed-approval tests share.
 */
public abstract class SignedApprovalContractBase {

    protected final TestClock clock = new TestClock();
    protected final RecordingAppAdmin target = new RecordingAppAdmin();
    protected final RecordingNotifier notifier = new RecordingNotifier();
    protected final TestDirectory directory = Fixtures.directory();
    protected final Anchor anchor = Anchor.create("security-team", KeyAlgorithm.EDDSA);
    protected RequestStore store;
    protected ApproverKeyStore keys;
    protected MaaEngine engine;
    protected AppAdmin apps;
    protected Authenticator bobKey;
    protected Authenticator carolKey;
    protected Authenticator aliceKey;

    protected abstract RequestStore openStore();

    /** The key store kept with {@link #store}. */
    protected abstract ApproverKeyStore keyStore();

    protected void closeStore(RequestStore s) {}

    /** Adds a key row as a database writer would (no MAA code involved where the store allows). */
    protected void insertKeyRow(dev.maa.core.signing.SignedKeyRecord record) {
        keys.add(record);
    }

    static RuleBasedPolicyEngine policy() {
        return RuleBasedPolicyEngine.builder()
                .requireApproval(
                        ResourceType.APP,
                        Set.of(Action.DELETE),
                        new Factor("app-deletion", Set.of(APP_APPROVERS), 1, ApprovalAssurance.PASSKEY))
                .requireApproval(
                        ResourceType.SCRIPT, Set.of(Action.DEPLOY), Factor.of("scripts", 1, Fixtures.SECURITY_ADMINS))
                .requireApproval(
                        ResourceType.CUSTOM,
                        Set.of(Action.UPDATE),
                        new Factor("approver-keys", Set.of(APP_APPROVERS), 2, ApprovalAssurance.PASSKEY))
                .build();
    }

    @BeforeEach
    void open() {
        store = openStore();
        keys = keyStore();
        bobKey = anchor.enroll(keys, "bob", Authenticator.es256());
        carolKey = anchor.enroll(keys, "carol", new Authenticator(KeyAlgorithm.EDDSA));
        aliceKey = anchor.enroll(keys, "alice", Authenticator.es256());
        startEngine(true);
    }

    @AfterEach
    void close() {
        closeStore(store);
    }

    protected void startEngine(boolean withAnchors) {
        MaaEngine.Builder b = Fixtures.engine(clock, directory)
                .policyEngine(policy())
                .store(store)
                .notifier(notifier);
        if (withAnchors) {
            b.approvalSigning(anchor.signing(keys));
        }
        engine = b.build();
        apps = engine.protect(AppAdmin.class, target);
    }

    protected String parked(String appId) {
        return park(ALICE, () -> apps.deleteApp(appId));
    }

    protected ApprovalRequest find(String id) {
        return store.find(id).orElseThrow();
    }

    protected ApprovalStatement statement(String id, Principal reviewer, Verdict verdict, String notes) {
        return ApprovalStatement.of(
                find(id),
                reviewer.id(),
                directory.groupsOf(reviewer.id()),
                verdict,
                notes,
                UUID.randomUUID().toString(),
                clock.instant());
    }

    protected ApprovalRequest approveSigned(String id, Principal reviewer, Authenticator key) {
        return engine.approvals()
                .review(id, reviewer, Verdict.APPROVE, "ok", key.sign(statement(id, reviewer, Verdict.APPROVE, "ok")));
    }

    /**
     * What a tampered server holding the audit key (or a database writer) does: records an approval with
     * {@code signed} (or none) straight through the store, authentic audit event included, and marks it APPROVED.
     */
    protected void forgeApproval(String id, Principal reviewer, SignedReview signed) {
        ApprovalRequest r = find(id);
        Set<String> groups = directory.groupsOf(reviewer.id());
        ApprovalRequest approved = r.toBuilder()
                .addReview(new Review(reviewer.id(), groups, Verdict.APPROVE, "ok", r.digest(), clock.instant()))
                .status(Status.APPROVED)
                .version(r.version() + 1)
                .build();
        store.update(
                approved,
                r.status(),
                r.version(),
                new AuditEvent(
                        clock.instant(),
                        id,
                        reviewer.id(),
                        AuditEventType.APPROVED,
                        AuditDetails.of(
                                "from",
                                "NEEDS_APPROVAL",
                                "notes",
                                "ok",
                                "digest",
                                r.digest(),
                                "groups",
                                AuditDetails.groups(groups),
                                "quorum",
                                "app-deletion 1/1",
                                "signed",
                                signed == null ? null : signed.toMap())));
        startEngine(true);
    }

    protected void assertRefusedAtCompletion(String id, String reason) {
        int ranBefore = target.calls().size();
        ApprovalRequest done = engine.approvals().complete(id, ALICE);

        assertThat(target.calls()).as("nothing ran").hasSize(ranBefore);
        assertThat(done.status()).isEqualTo(Status.FAILED);
        assertThat(done.outcome()).contains("not verified passkey signatures").contains(reason);
        assertThat(engine.approvals().auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .contains(AuditEventType.SIGNATURES_REFUSED.name());
        assertThat(notifier.of(Notification.Kind.FAILED))
                .anySatisfy(n -> assertThat(n.recipients()).contains("bob"));
    }
}
