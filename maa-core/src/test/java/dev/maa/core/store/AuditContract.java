package dev.maa.core.store;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditVerification;
import dev.maa.api.Status;
import dev.maa.core.audit.AuditChain;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link RequestStoreContract}: the audit chain: append, history, verification and tamper detection.
 */
public interface AuditContract extends ContractStore {

    // ---- audit ----

    @Test
    default void audit_append_chainsConsecutiveEntriesFromGenesis() {
        AuditEntry first = store().auditLog().append(new AuditEvent(T0, "", "alice", "CALL_DENIED", "no policy"));
        AuditEntry second =
                store().auditLog().append(new AuditEvent(T0.plusSeconds(1), "", "bob", "POLICY_CHANGED", "{}"));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(store().auditLog().authentic(second)).isTrue();
        assertThat(second.hash())
                .as("keyed, not the plain hash anyone can recompute")
                .isNotEqualTo(AuditChain.legacyHash(2, second.event(), first.hash()));
        assertThat(store().auditLog().read(0, 10)).containsExactly(first, second);
    }

    @Test
    default void audit_timestampsAreStoredInMilliseconds() {
        Instant precise = T0.plusNanos(987_654);
        AuditEntry entry = store().auditLog().append(new AuditEvent(precise, "r1", "alice", "NOTE", "x"));

        assertThat(entry.event().at()).isEqualTo(AuditChain.normalize(precise));
        assertThat(store().auditLog().read(0, 1)).containsExactly(entry);
        assertThat(store().auditLog().verify().intact()).isTrue();
    }

    @Test
    default void audit_read_pagesAfterASeq() {
        for (int i = 0; i < 7; i++) {
            store().auditLog().append(event("", "E" + i));
        }
        assertThat(store().auditLog().read(2, 3)).extracting(AuditEntry::seq).containsExactly(3L, 4L, 5L);
        assertThat(store().auditLog().read(6, 10)).extracting(AuditEntry::seq).containsExactly(7L);
        assertThat(store().auditLog().read(7, 10)).isEmpty();
    }

    @Test
    default void audit_forRequest_isTheStatusHistory_andTransitionsShareOneChain() {
        ApprovalRequest a = store().insert(request("a", "1", 0), event("a", "SUBMITTED"));
        store().insert(request("b", "2", 1), event("b", "SUBMITTED"));
        store().auditLog().append(new AuditEvent(T0, "", "eve", "CALL_DENIED", "denied"));
        store().update(a.toBuilder().status(Status.REJECTED).build(), Status.NEEDS_APPROVAL, 1, event("a", "REJECTED"));

        assertThat(store().auditLog().forRequest("a"))
                .extracting(AuditEntry::seq)
                .containsExactly(1L, 4L);
        assertThat(store().auditLog().forRequest("b"))
                .extracting(e -> e.event().type())
                .containsExactly("SUBMITTED");
        AuditVerification v = store().auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(4);
    }

    @Test
    default void audit_verify_detectsAnEditedEntry() {
        writeHistory(5);

        tamperAuditDetail(store(), 3, "nothing to see here");

        AuditVerification v = store().auditLog().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("seq 3").contains("check 'mac'"));
        AuditEntry edited = store().auditLog().read(2, 1).get(0);
        assertThat(store().auditLog().authentic(edited)).isFalse();
        assertThat(store().auditLog().authentic(store().auditLog().read(1, 1).get(0)))
                .isTrue();
    }

    @Test
    default void audit_verify_detectsADeletedMiddleEntry() {
        writeHistory(5);

        deleteAuditEntry(store(), 3);

        AuditVerification v = store().auditLog().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("seq 3").contains("missing"));
    }

    @Test
    default void audit_verify_detectsADeletedNewestEntry() {
        writeHistory(5);

        deleteAuditEntry(store(), 5);

        AuditVerification v = store().auditLog().verify();
        assertThat(v.intact()).as("a truncated tail must be detected too").isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("seq 5"));
    }

    @Test
    default void audit_verify_emptyLogIsIntact() {
        assertThat(store().auditLog().verify()).isEqualTo(new AuditVerification(0, List.of()));
    }
}
