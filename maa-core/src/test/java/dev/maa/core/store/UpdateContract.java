package dev.maa.core.store;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.CapturedDiff;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.RequestNotFoundException;
import dev.maa.api.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link RequestStoreContract}: conditional updates, recorded outcomes, and payloads that stay as stored
 * (so tampering stays visible).
 */
public interface UpdateContract extends ContractStore {

    // ---- conditional updates ----

    @Test
    default void update_withExpectedStatusAndVersion_storesTheNextVersionAndAppendsTheEvent() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

        ApprovalRequest approved = store().update(
                        r.toBuilder()
                                .status(Status.APPROVED)
                                .version(99)
                                .outcome("quorum")
                                .updatedAt(T0.plusSeconds(5))
                                .build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("r1", "APPROVED"));

        assertThat(approved.version())
                .as("version is expected + 1, whatever the value said")
                .isEqualTo(2);
        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(store().find("r1")).contains(approved);
        assertThat(store().auditLog().forRequest("r1"))
                .extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "APPROVED");
    }

    @Test
    default void update_keepsTheStoredPayloadAndDigest_andReturnsThem() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        String forged = "{\"method\":\"delete\",\"args\":[\"everything\"]}";

        ApprovalRequest approved = store().update(
                        r.toBuilder()
                                .status(Status.APPROVED)
                                .payload(forged)
                                .digest(StoreFixtures.sha256(forged))
                                .build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("r1", "APPROVED"));

        assertThat(approved.payload()).isEqualTo(r.payload());
        assertThat(approved.digest()).isEqualTo(r.digest());
        assertThat(store().find("r1").orElseThrow().payload()).isEqualTo(r.payload());
        assertThat(store().find("r1").orElseThrow().digest()).isEqualTo(r.digest());
    }

    @Test
    default void update_returnsAPayloadAlteredInTheStore_asStored_soTheDigestCheckCatchesIt() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        tamperPayload(store(), "r1", "{\"method\":\"delete\",\"args\":[\"everything\"]}");

        ApprovalRequest approved = store().update(
                        r.toBuilder().status(Status.APPROVED).build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("r1", "APPROVED"));

        assertThat(approved.payload())
                .as("what the store holds, not the caller's copy")
                .contains("everything");
        assertThat(approved.digest()).isEqualTo(r.digest());
        assertThat(StoreFixtures.sha256(approved.payload())).isNotEqualTo(approved.digest());
    }

    @Test
    default void update_keepsTheDiffCapturedAtInsert_throughCompletion() {
        ApprovalRequest r = store().insert(
                        StoreFixtures.fullyPopulated("r1").toBuilder()
                                .emergency(false)
                                .postReview(null)
                                .reviews(List.of())
                                .status(Status.NEEDS_APPROVAL)
                                .build(),
                        event("r1", "SUBMITTED"));
        CapturedDiff captured = r.diff();
        for (Status next : new Status[] {Status.APPROVED, Status.COMPLETING, Status.COMPLETED}) {
            r = store().update(r.toBuilder().status(next).build(), r.status(), r.version(), event("r1", next.name()));
        }

        assertThat(captured).isNotNull();
        assertThat(r.diff()).isEqualTo(captured);
        assertThat(store().find("r1").orElseThrow().diff()).isEqualTo(captured);
    }

    @Test
    default void update_throughTheWholeLifeCycle_countsVersions() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        Status[] path = {Status.APPROVED, Status.COMPLETING, Status.COMPLETED};
        for (Status next : path) {
            r = store().update(r.toBuilder().status(next).build(), r.status(), r.version(), event("r1", next.name()));
        }
        assertThat(r.version()).isEqualTo(4);
        assertThat(store().find("r1")).contains(r);
        assertThat(store().auditLog().forRequest("r1"))
                .extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "APPROVED", "COMPLETING", "COMPLETED");
    }

    @Test
    default void update_withStaleVersion_throwsConcurrentUpdate_andChangesNothing() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        ApprovalRequest v2 =
                store().update(r.toBuilder().outcome("first").build(), Status.NEEDS_APPROVAL, 1, event("r1", "NOTE"));
        long entries = auditSize();

        assertThatThrownBy(() -> store().update(
                                r.toBuilder().status(Status.APPROVED).build(),
                                Status.NEEDS_APPROVAL,
                                1,
                                event("r1", "APPROVED")))
                .isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining("r1");

        assertThat(store().find("r1")).contains(v2);
        assertThat(auditSize()).isEqualTo(entries);
    }

    @Test
    default void update_withWrongExpectedStatus_throwsConcurrentUpdate() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

        assertThatThrownBy(() -> store().update(
                                r.toBuilder().status(Status.COMPLETING).build(),
                                Status.APPROVED,
                                1,
                                event("r1", "COMPLETING")))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store().find("r1")).contains(r);
    }

    @Test
    default void recordOutcome_ofACompletingRequest_storesTheFinalStatusAndItsEvent() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        r = store().update(
                        r.toBuilder().status(Status.APPROVED).build(),
                        r.status(),
                        r.version(),
                        event("r1", "APPROVED"));
        r = store().update(
                        r.toBuilder().status(Status.COMPLETING).build(),
                        r.status(),
                        r.version(),
                        event("r1", "COMPLETING"));

        ApprovalRequest done = store().recordOutcome(
                        r.toBuilder().status(Status.COMPLETED).outcome("ok").build(),
                        r.version(),
                        event("r1", "COMPLETED"));

        assertThat(done.version()).isEqualTo(4);
        assertThat(store().find("r1")).contains(done);
        assertThat(store().findOpen(done.resource().key()))
                .as("the object is free again")
                .isEmpty();
        assertThat(store().auditLog().forRequest("r1"))
                .extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "APPROVED", "COMPLETING", "COMPLETED");
    }

    @Test
    default void recordOutcome_thatIsNotAnOutcome_isRefused_andChangesNothing() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        long entries = auditSize();

        assertThatThrownBy(() -> store().recordOutcome(
                                r.toBuilder().status(Status.CANCELED).build(), r.version(), event("r1", "CANCELED")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CANCELED");

        assertThat(store().find("r1")).contains(r);
        assertThat(auditSize()).isEqualTo(entries);
    }

    @Test
    default void recordOutcome_ofARequestNoLongerCompletingAtThatVersion_throwsConcurrentUpdate_andChangesNothing() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        long entries = auditSize();

        assertThatThrownBy(() -> store().recordOutcome(
                                r.toBuilder().status(Status.COMPLETED).build(), r.version(), event("r1", "COMPLETED")))
                .isInstanceOf(ConcurrentUpdateException.class);

        assertThat(store().find("r1")).contains(r);
        assertThat(auditSize()).isEqualTo(entries);
    }

    @Test
    default void update_unknownRequest_throwsNotFound() {
        assertThatThrownBy(() -> store().update(
                                request("ghost", "app-1", 0), Status.NEEDS_APPROVAL, 1, event("ghost", "APPROVED")))
                .isInstanceOf(RequestNotFoundException.class)
                .hasMessageContaining("ghost");
        assertThat(auditSize()).isZero();
    }

    // ---- payload integrity ----

    @Test
    default void tamperedPayload_isReturnedAsStored_soTheDigestCheckCatchesIt() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        assertThat(StoreFixtures.sha256(r.payload())).isEqualTo(r.digest());

        tamperPayload(store(), "r1", "{\"method\":\"delete\",\"args\":[\"everything\"]}");

        ApprovalRequest read = store().find("r1").orElseThrow();
        assertThat(read.payload()).contains("everything");
        assertThat(read.digest()).as("the store never reseals a payload").isEqualTo(r.digest());
        assertThat(StoreFixtures.sha256(read.payload())).isNotEqualTo(read.digest());
    }
}
