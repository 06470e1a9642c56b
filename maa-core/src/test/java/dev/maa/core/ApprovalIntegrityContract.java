package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.AuditVerification;
import dev.maa.api.Notification;
import dev.maa.api.RequestStore;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.AuditKey;
import dev.maa.core.codec.ParkedCallCodec;
import dev.maa.core.internal.AuditDetails;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An approval is more than a status column: each forgery a database writer can make (status flipped, a review forged
 * in the stored request, the payload swapped with its digest after approval, the audit chain rewritten with
 * recomputed hashes, an event slipped into the staging queue) is refused at completion with nothing run, reported,
 * and detected by {@code audit verify} naming the check that failed. Run against every store by subclasses, whose
 * hooks forge the way a writer of that store can (SQL for the JDBC stores).
 */
public abstract class ApprovalIntegrityContract {

    protected final TestClock clock = new TestClock();
    protected final RecordingAppAdmin target = new RecordingAppAdmin();
    protected final RecordingNotifier notifier = new RecordingNotifier();
    protected RequestStore store;
    protected MaaEngine engine;
    protected AppAdmin apps;

    /** A fresh, empty store. */
    protected abstract RequestStore openStore();

    protected void closeStore(RequestStore s) {}

    /** Overwrites the stored request (status, reviews, payload, digest) behind the engine's back. */
    protected abstract void writeRequest(ApprovalRequest forged);

    /** Replaces the whole audit trail and its head with {@code rewrite} of it, behind the engine's back. */
    protected abstract void writeAudit(UnaryOperator<List<AuditEntry>> rewrite);

    @BeforeEach
    void openEngine() {
        store = openStore();
        startEngine();
    }

    /** A new engine on the store: the forger works "with everything stopped", so no engine holds an older copy. */
    protected void startEngine() {
        engine = Fixtures.engine(clock, Fixtures.directory())
                .store(store)
                .notifier(notifier)
                .build();
        apps = engine.protect(AppAdmin.class, target);
    }

    protected void forgeRequest(ApprovalRequest forged) {
        writeRequest(forged);
        startEngine();
    }

    protected void rewriteAudit(UnaryOperator<List<AuditEntry>> rewrite) {
        writeAudit(rewrite);
        startEngine();
    }

    @AfterEach
    void closeEngine() {
        closeStore(store);
    }

    protected String parked(String appId) {
        return park(ALICE, () -> apps.deleteApp(appId));
    }

    /** What an attacker writes into the request row to make it look approved by {@code reviewer}. */
    protected ApprovalRequest approvedBy(ApprovalRequest r, String reviewer, String digest) {
        return r.toBuilder()
                .status(Status.APPROVED)
                .addReview(
                        new Review(reviewer, Set.of(APP_APPROVERS), Verdict.APPROVE, "lgtm", digest, clock.instant()))
                .build();
    }

    /** The APPROVED event the engine would have written for {@code reviewer}. */
    protected AuditEvent approvedEvent(ApprovalRequest r, String reviewer) {
        return new AuditEvent(
                clock.instant(),
                r.id(),
                reviewer,
                "APPROVED",
                AuditDetails.of(
                        "from",
                        "NEEDS_APPROVAL",
                        "notes",
                        "lgtm",
                        "digest",
                        r.digest(),
                        "groups",
                        List.of(APP_APPROVERS),
                        "quorum",
                        "app-deletion 1/1"));
    }

    protected ApprovalRequest find(String id) {
        return store.find(id).orElseThrow();
    }

    /** Completes and checks the common outcome of every forgery: refused, nothing (more) ran, reported. */
    protected void assertRefusedAtCompletion(String id, String reason) {
        int ranBefore = target.calls().size();
        ApprovalRequest done = engine.approvals().complete(id, ALICE);

        assertThat(target.calls()).as("nothing ran").hasSize(ranBefore);
        assertThat(done.status()).isEqualTo(Status.FAILED);
        assertThat(done.outcome()).contains("disagrees with its audit trail").contains(reason);
        assertThat(engine.approvals().auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .contains(AuditEventType.INTEGRITY_FAILED.name());
        assertThat(notifier.of(Notification.Kind.FAILED))
                .anySatisfy(n -> assertThat(n.recipients()).contains("bob"));
    }

    protected void assertVerifyNames(String check) {
        AuditVerification v = engine.approvals().auditLog().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("check '" + check + "'"));
    }

    @Test
    public void genuineApproval_runs_andTheTrailVerifies() {
        String id = parked("app-1");
        engine.approvals().approve(id, BOB, "ok");

        assertThat(engine.approvals().complete(id, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).containsExactly("deleteApp(app-1)");
        AuditVerification v = engine.approvals().auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
    }

    @Test
    public void statusFlippedToApproved_withoutAnyReview_isRefused() {
        String id = parked("app-1");
        forgeRequest(find(id).toBuilder().status(Status.APPROVED).build());

        assertRefusedAtCompletion(id, "no authentic APPROVED event");
        assertVerifyNames("request-integrity");
    }

    @Test
    public void reviewForgedInTheStoredRequest_isRefused() {
        String id = parked("app-1");
        ApprovalRequest r = find(id);
        forgeRequest(approvedBy(r, "carol", r.digest()));

        assertRefusedAtCompletion(id, "no authentic APPROVED event");
        assertVerifyNames("request-integrity");
    }

    @Test
    public void payloadAndDigestSwappedAfterApproval_withTheReviewResealed_isRefused() {
        String id = parked("app-1");
        engine.approvals().approve(id, BOB, "ok");
        ApprovalRequest r = find(id);
        String swapped = r.payload().replace("app-1", "app-2");
        String digest = ParkedCallCodec.digest(swapped);
        Review resealed = r.reviews().get(0);
        forgeRequest(r.toBuilder()
                .payload(swapped)
                .digest(digest)
                .reviews(List.of(new Review(
                        resealed.reviewer(),
                        resealed.reviewerGroups(),
                        resealed.verdict(),
                        resealed.notes(),
                        digest,
                        resealed.at())))
                .build());

        assertRefusedAtCompletion(id, "the payload was replaced");
        assertVerifyNames("request-integrity");
    }

    @Test
    public void auditChainRewrittenWithRecomputedHashes_isRefused_andVerifyNamesTheMacCheck() {
        String id = parked("app-1");
        ApprovalRequest r = find(id);
        forgeRequest(approvedBy(r, "carol", r.digest()));
        // the forger appends the approval the engine never wrote and recomputes every hash the way the chain did
        // before it was keyed: plain SHA-256 is all a database writer can compute
        rewriteAudit(entries -> relinked(
                entries,
                approvedEvent(r, "carol"),
                (seq, e, prev) -> new AuditEntry(seq, e, prev, AuditChain.legacyHash(seq, e, prev))));
        assertVerifyNames("mac");

        assertRefusedAtCompletion(id, "is not authentic (check 'mac')");
    }

    @Test
    public void auditChainRewrittenUnderAnotherKey_isRefused() {
        String id = parked("app-1");
        ApprovalRequest r = find(id);
        forgeRequest(approvedBy(r, "carol", r.digest()));
        AuditChain foreign = AuditChain.keyed(AuditKey.random());
        rewriteAudit(entries -> relinked(entries, approvedEvent(r, "carol"), foreign::link));
        assertVerifyNames("mac");

        assertRefusedAtCompletion(id, "is not authentic (check 'mac')");
    }

    @Test
    public void completedRequestFlippedBackToApproved_doesNotRunAgain() {
        String id = parked("app-1");
        engine.approvals().approve(id, BOB, "ok");
        engine.approvals().complete(id, ALICE);
        assertThat(target.calls()).hasSize(1);
        forgeRequest(find(id).toBuilder().status(Status.APPROVED).outcome("").build());

        assertRefusedAtCompletion(id, "its audit trail closed it");
    }

    /** Builds an entry at a seq after a prev hash. */
    protected interface Linker {
        AuditEntry link(long seq, AuditEvent event, String prevHash);
    }

    /** {@code entries}' events plus {@code extra}, re-chained from genesis with {@code linker}. */
    protected static List<AuditEntry> relinked(List<AuditEntry> entries, AuditEvent extra, Linker linker) {
        List<AuditEvent> events = new ArrayList<>();
        entries.forEach(e -> events.add(e.event()));
        events.add(extra);
        List<AuditEntry> out = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (AuditEvent e : events) {
            AuditEntry entry = linker.link(
                    out.size() + 1,
                    new AuditEvent(AuditChain.normalize(e.at()), e.requestId(), e.actor(), e.type(), e.detail()),
                    prev);
            out.add(entry);
            prev = entry.hash();
        }
        return out;
    }
}
