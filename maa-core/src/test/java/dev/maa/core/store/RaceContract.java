package dev.maa.core.store;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.race;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditVerification;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.RequestQuery;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Part of {@link RequestStoreContract}: races between 16 threads: one winner per version, one open request per
 * object, one linear chain.
 */
public interface RaceContract extends ContractStore {

    // ---- races ----

    @Test
    @Timeout(120)
    default void concurrentUpdates_from16Threads_haveExactlyOneWinnerPerVersion() throws Exception {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        int rounds = 8;
        for (int round = 0; round < rounds; round++) {
            ApprovalRequest current = store().find("r1").orElseThrow();
            List<Object> results = race(
                    16,
                    t -> store().update(
                                    current.toBuilder().outcome("thread " + t).build(),
                                    current.status(),
                                    current.version(),
                                    event("r1", "NOTE")));
            assertThat(results)
                    .filteredOn(o -> o instanceof ApprovalRequest)
                    .as("round %d", round)
                    .hasSize(1);
            assertThat(results)
                    .filteredOn(o -> !(o instanceof ApprovalRequest))
                    .allSatisfy(o -> assertThat(o).isInstanceOf(ConcurrentUpdateException.class));
            ApprovalRequest winner = (ApprovalRequest) results.stream()
                    .filter(o -> o instanceof ApprovalRequest)
                    .findFirst()
                    .orElseThrow();
            assertThat(store().find("r1")).contains(winner);
        }
        assertThat(store().find("r1").orElseThrow().version()).isEqualTo(1 + rounds);
        assertThat(store().auditLog().forRequest("r1")).hasSize(1 + rounds);
        assertThat(store().auditLog().verify().intact()).isTrue();
        assertThat(r.version()).isEqualTo(1);
    }

    @Test
    @Timeout(120)
    default void concurrentInserts_forOneObject_from16Threads_leaveExactlyOneOpenRequest() throws Exception {
        List<Object> results = race(16, t -> store().insert(request("r" + t, "app-1", t), event("r" + t, "SUBMITTED")));

        assertThat(results).filteredOn(o -> o instanceof ApprovalRequest).hasSize(1);
        ApprovalRequest winner = (ApprovalRequest) results.stream()
                .filter(o -> o instanceof ApprovalRequest)
                .findFirst()
                .orElseThrow();
        assertThat(results)
                .filteredOn(o -> !(o instanceof ApprovalRequest))
                .hasSize(15)
                .allSatisfy(o -> assertThat(o)
                        .isInstanceOfSatisfying(
                                RequestAlreadyPendingException.class,
                                e -> assertThat(e.pendingRequestId()).isEqualTo(winner.id())));
        assertThat(store().list(RequestQuery.all())).containsExactly(winner);
        assertThat(auditSize()).isEqualTo(1);
    }

    @Test
    @Timeout(120)
    default void concurrentAppends_from16Threads_keepOneLinearChain() throws Exception {
        int perThread = 15;
        race(16, t -> {
            for (int i = 0; i < perThread; i++) {
                store().auditLog().append(new AuditEvent(T0.plusMillis(i), "", "thread-" + t, "NOTE", "entry " + i));
            }
            return null;
        });

        List<AuditEntry> all = store().auditLog().read(0, 1000);
        assertThat(all)
                .extracting(AuditEntry::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 16L * perThread)
                        .boxed()
                        .toList());
        AuditVerification v = store().auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(16L * perThread);
    }
}
