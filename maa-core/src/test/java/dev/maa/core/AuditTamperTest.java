package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.AuditVerification;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invariant 9 end to end: the trail the engine writes detects edits and deletions. */
class AuditTamperTest {

    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private MaaEngine engine;

    @BeforeEach
    void writeAHistory() {
        engine = Fixtures.engine(new TestClock(), Fixtures.directory())
                .store(store)
                .build();
        AppAdmin apps = engine.protect(AppAdmin.class, new RecordingAppAdmin());
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        engine.approvals().approve(id, BOB, "ok");
        engine.approvals().complete(id, ALICE);
        assertThat(engine.approvals().auditLog().verify().intact()).isTrue();
    }

    @Test
    void verify_detectsAnEditedEntry() {
        store.tampering().editAuditDetail(2, "{\"notes\":\"approved by the CEO\"}");

        AuditVerification v = engine.approvals().auditLog().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("seq 2").contains("edited"));
    }

    @Test
    void verify_detectsADeletedEntry() {
        store.tampering().deleteAuditEntry(2);

        AuditVerification v = engine.approvals().auditLog().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("seq 2").contains("missing"));
    }

    @Test
    void verify_detectsADeletedNewestEntry() {
        store.tampering().deleteAuditEntry(4);

        assertThat(engine.approvals().auditLog().verify().problems())
                .anySatisfy(p -> assertThat(p).contains("seq 4"));
    }
}
