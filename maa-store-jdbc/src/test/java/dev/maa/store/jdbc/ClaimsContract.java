package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.race;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditVerification;
import dev.maa.api.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Part of {@link AbstractJdbcStoreTest}: The executor's claims and the background jobs' leases, across threads and nodes: each completing request is
 * claimed exactly once, an expired claim is never re-run, and a job lease has one holder at a time.
 */
interface ClaimsContract extends JdbcContractStore {

    // ---- executor claims ----

    @Test
    @Timeout(180)
    default void claimReady_from8ThreadsOnTwoNodes_claimsEachOf200RequestsExactlyOnce() throws Exception {
        int rows = 200;
        for (int i = 0; i < rows; i++) {
            jdbc().insert(completing("c" + i, i), event("c" + i, "COMPLETING"));
        }
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        try (JdbcRequestStore secondNode = reopen()) {
            List<Object> results = race(8, t -> {
                JdbcRequestStore node = t % 2 == 0 ? jdbc() : secondNode;
                List<String> mine = new ArrayList<>();
                for (int round = 0; round < 100; round++) {
                    List<ApprovalRequest> batch = node.claimReady("node-" + t, Duration.ofMinutes(5), 7, T0);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (ApprovalRequest r : batch) {
                        assertThat(r.claimOwner()).isEqualTo("node-" + t);
                        assertThat(r.version()).isEqualTo(2);
                        assertThat(claimed.add(r.id()))
                                .as("%s claimed twice", r.id())
                                .isTrue();
                        mine.add(r.id());
                    }
                }
                return mine;
            });

            assertThat(results).allSatisfy(o -> assertThat(o).isInstanceOf(List.class));
        }
        assertThat(claimed).hasSize(rows);
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_request WHERE claim_owner IS NULL"))
                .isZero();
        jdbc().auditLog().seal();
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit WHERE type = 'CLAIMED'"))
                .isEqualTo(rows);
        assertThat(jdbc().claimReady("late", Duration.ofMinutes(5), 10, T0)).isEmpty();
        AuditVerification v = jdbc().auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
    }

    @Test
    default void claimReady_takesOnlyUnclaimedCompletingRequests_oldestFirst() {
        jdbc().insert(request("pending", "p", 0), event("pending", "SUBMITTED"));
        jdbc().insert(completing("c2", 2), event("c2", "COMPLETING"));
        jdbc().insert(completing("c1", 1), event("c1", "COMPLETING"));

        List<ApprovalRequest> first = jdbc().claimReady("node-a", Duration.ofSeconds(30), 1, T0);
        assertThat(first).extracting(ApprovalRequest::id).containsExactly("c1");
        assertThat(jdbc().find("c1")).contains(first.get(0));
        assertThat(first.get(0).claimExpiresAt()).isEqualTo(T0.plusSeconds(30));

        assertThat(jdbc().claimReady("node-b", Duration.ofSeconds(30), 10, T0))
                .extracting(ApprovalRequest::id)
                .containsExactly("c2");
        assertThat(jdbc().claimReady("node-c", Duration.ofSeconds(30), 10, T0.plusSeconds(3600)))
                .as("an expired claim is never re-run")
                .isEmpty();
        assertThat(jdbc().auditLog().forRequest("c1"))
                .extracting(e -> e.event().type())
                .containsExactly("COMPLETING", "CLAIMED");
    }

    @Test
    default void expiredClaims_areTheCompletingRequestsWhoseLeaseRanOut() {
        jdbc().insert(completing("c1", 1), event("c1", "COMPLETING"));
        jdbc().insert(completing("c2", 2), event("c2", "COMPLETING"));
        ApprovalRequest c1 =
                jdbc().claimReady("node-a", Duration.ofSeconds(10), 1, T0).get(0);
        jdbc().claimReady("node-b", Duration.ofSeconds(60), 1, T0);

        assertThat(jdbc().expiredClaims(T0.plusSeconds(5), 10)).isEmpty();
        assertThat(jdbc().expiredClaims(T0.plusSeconds(30), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly("c1");
        assertThat(jdbc().expiredClaims(T0.plusSeconds(61), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly("c1", "c2");

        ApprovalRequest failed = jdbc().update(
                        c1.toBuilder()
                                .status(Status.FAILED)
                                .outcome("outcome unknown")
                                .build(),
                        Status.COMPLETING,
                        c1.version(),
                        event("c1", "FAILED"));
        assertThat(failed.version()).isEqualTo(3);
        assertThat(jdbc().expiredClaims(T0.plusSeconds(61), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly("c2");
    }

    private static ApprovalRequest completing(String id, int minute) {
        return request(id, "obj-" + id, minute).toBuilder()
                .status(Status.COMPLETING)
                .build();
    }

    // ---- job leases ----

    @Test
    default void jobLock_isHeldByOneOwnerUntilItsLeaseEnds() {
        Duration lease = Duration.ofSeconds(30);
        assertThat(jdbc().tryAcquireJobLock("expiry", "node-a", lease, T0)).isTrue();
        assertThat(jdbc().tryAcquireJobLock("expiry", "node-b", lease, T0.plusSeconds(10)))
                .isFalse();
        assertThat(jdbc().tryAcquireJobLock("expiry", "node-a", lease, T0.plusSeconds(20)))
                .as("renewal")
                .isTrue();
        assertThat(jdbc().tryAcquireJobLock("expiry", "node-b", lease, T0.plusSeconds(40)))
                .as("still renewed")
                .isFalse();
        assertThat(jdbc().tryAcquireJobLock("expiry", "node-b", lease, T0.plusSeconds(50)))
                .as("lapsed")
                .isTrue();
        assertThat(jdbc().tryAcquireJobLock("purge", "node-a", lease, T0))
                .as("another job")
                .isTrue();
        assertThat(jdbc().releaseJobLock("expiry", "node-a")).isFalse();
        assertThat(jdbc().releaseJobLock("expiry", "node-b")).isTrue();
        assertThat(jdbc().tryAcquireJobLock("expiry", "node-a", lease, T0.plusSeconds(51)))
                .isTrue();
    }

    @Test
    @Timeout(60)
    default void jobLock_raceOf8Nodes_hasOneWinner() throws Exception {
        List<Object> results = race(8, t -> jdbc().tryAcquireJobLock("sweep", "node-" + t, Duration.ofMinutes(1), T0));
        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(results).filteredOn(Boolean.FALSE::equals).hasSize(7);
    }
}
