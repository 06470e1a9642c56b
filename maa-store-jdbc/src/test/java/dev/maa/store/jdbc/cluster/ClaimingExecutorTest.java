package dev.maa.store.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.CompletionMode;
import dev.maa.api.Status;
import dev.maa.core.BackgroundJobs;
import dev.maa.core.MaaEngine;
import dev.maa.core.testing.TestClock;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The executor over a {@link dev.maa.api.ClaimingStore} (JDBC on in-memory H2) and the background jobs. */
class ClaimingExecutorTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final TestClock clock = new TestClock();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private JdbcRequestStore jdbc;
    private ObservedStore store;
    /** Parks and approves; has no target, so auto-completed requests wait COMPLETING for a node that has one. */
    private MaaEngine submitter;

    private MaaEngine node;

    @BeforeEach
    void setUp() {
        jdbc = JdbcStores.h2InMemory("claiming" + DATABASES.incrementAndGet());
        store = new ObservedStore(jdbc);
        submitter = ClusterNodes.engine(store, "submitter", CompletionMode.AUTO)
                .clock(clock)
                .build();
        node = ClusterNodes.engine(store, "node-1", CompletionMode.AUTO)
                .clock(clock)
                .build();
        node.registerTarget(new SideEffects() {
            @Override
            public void deleteApp(String appId) {
                calls.add(appId);
            }

            @Override
            public String ping() {
                return "pong";
            }
        });
    }

    @AfterEach
    void tearDown() {
        jdbc.close();
    }

    @Test
    void runPending_claimsFromTheStore_withoutListingCompletingRequests() {
        for (int i = 0; i < 5; i++) {
            assertThat(submitter
                            .approvals()
                            .get(ClusterNodes.parkAndApprove(submitter, "app-" + i))
                            .status())
                    .isEqualTo(Status.COMPLETING);
        }
        store.lists.clear();

        assertThat(node.executor().runPending()).isEqualTo(5);
        node.executor().recoverExpiredClaims();

        assertThat(calls).containsExactlyInAnyOrder("app-0", "app-1", "app-2", "app-3", "app-4");
        assertThat(store.lists).noneMatch(q -> q.statuses().contains(Status.COMPLETING));
    }

    @Test
    void aClaimThisJvmCannotRun_isReleased_forANodeThatCan() {
        String id = ClusterNodes.parkAndApprove(submitter, "app-1");

        assertThat(submitter.executor().runPending()).isZero();
        ApprovalRequest released = store.find(id).orElseThrow();
        assertThat(released.status()).isEqualTo(Status.COMPLETING);
        assertThat(released.claimOwner()).isNull();
        assertThat(store.auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .contains("CLAIMED", "RELEASED");

        assertThat(node.executor().runPending()).isEqualTo(1);
        assertThat(calls).containsExactly("app-1");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void anAutoCompletionLeftApprovedByACrash_isCompletedByRunPending_once() {
        store.failCompleting = true;
        String id = ClusterNodes.parkAndApprove(submitter, "app-1");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.APPROVED);
        store.failCompleting = false;

        assertThat(node.executor().runPending()).isEqualTo(1);
        assertThat(node.executor().runPending()).isZero();

        assertThat(calls).containsExactly("app-1");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void expiredLease_isMarkedOutcomeUnknown_andNotRunAgain() {
        String id = ClusterNodes.parkAndApprove(submitter, "app-1");
        List<ApprovalRequest> claimed = jdbc.claimReady("dead-node", Duration.ofMinutes(5), 1, clock.instant());
        assertThat(claimed).extracting(ApprovalRequest::id).containsExactly(id);

        assertThat(node.executor().recoverExpiredClaims()).isZero();
        clock.advance(Duration.ofMinutes(6));
        assertThat(node.executor().recoverExpiredClaims()).isEqualTo(1);
        assertThat(node.executor().runPending()).isZero();

        ApprovalRequest r = store.find(id).orElseThrow();
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.outcome()).startsWith("outcome unknown").contains("dead-node");
        assertThat(calls).isEmpty();
    }

    @Test
    @Timeout(60)
    void backgroundJobs_runPendingWork_andSweepExpiryOnlyOnTheNodeHoldingTheLease() {
        String due = ClusterNodes.park(submitter, "due-app");
        clock.advance(Duration.ofDays(2));
        assertThat(jdbc.tryAcquireJobLock(
                        MaaEngine.EXPIRY_SWEEP_JOB, "other-node", Duration.ofHours(1), clock.instant()))
                .isTrue();

        try (BackgroundJobs jobs = node.startBackgroundJobs(Duration.ofMillis(20))) {
            ClusterNodes.parkAndApprove(submitter, "app-1");
            await().atMost(Duration.ofSeconds(20)).until(() -> calls.contains("app-1"));
            ClusterNodes.parkAndApprove(submitter, "app-2");
            await().atMost(Duration.ofSeconds(20)).until(() -> calls.contains("app-2"));
            // at least one full round (runPending, recovery, sweep) ran between the two calls
            assertThat(store.find(due).orElseThrow().status())
                    .as("another node holds the sweep lease")
                    .isEqualTo(Status.NEEDS_APPROVAL);

            assertThat(jdbc.releaseJobLock(MaaEngine.EXPIRY_SWEEP_JOB, "other-node"))
                    .isTrue();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> store.find(due).orElseThrow().status() == Status.EXPIRED);
        }
        assertThat(jdbc.tryAcquireJobLock(
                        MaaEngine.EXPIRY_SWEEP_JOB, "other-node", Duration.ofHours(1), clock.instant()))
                .as("node-1 holds the sweep lease now")
                .isFalse();
        assertThat(submitter.approvals().get(due).status()).isEqualTo(Status.EXPIRED);
    }

    @Test
    @Timeout(60)
    void recoveryJobs_markAnExpiredClaimOutcomeUnknown_andClaimNoWaitingCall() {
        String cut = ClusterNodes.parkAndApprove(submitter, "app-2");
        assertThat(jdbc.claimReady("dead-node", Duration.ofMinutes(5), 1, clock.instant()))
                .extracting(ApprovalRequest::id)
                .containsExactly(cut);
        String waiting = ClusterNodes.parkAndApprove(submitter, "app-1");
        clock.advance(Duration.ofMinutes(6));

        // the submitter runs no call: startBackgroundJobs would claim the waiting one and hand it back
        try (BackgroundJobs jobs = submitter.startRecoveryJobs(Duration.ofMillis(20))) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> store.find(cut).orElseThrow().status() == Status.FAILED);
        }
        assertThat(store.find(cut).orElseThrow().outcome())
                .startsWith("outcome unknown")
                .contains("dead-node");
        ApprovalRequest left = store.find(waiting).orElseThrow();
        assertThat(left.status()).isEqualTo(Status.COMPLETING);
        assertThat(store.auditLog().forRequest(waiting))
                .extracting(e -> e.event().type())
                .doesNotContain("CLAIMED");
        assertThat(calls).isEmpty();
    }
}
