package dev.maa.core.store;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.RequestQuery;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Part of {@link RequestStoreContract}: insert and find, and the one-open-request-per-object rule (also after a
 * request closes).
 */
public interface InsertContract extends ContractStore {

    // ---- insert and find ----

    @Test
    default void insert_storesVersionOne_andFindReturnsTheStoredValue() {
        ApprovalRequest stored =
                store().insert(request("r1", "app-1", 0).toBuilder().version(7).build(), event("r1", "SUBMITTED"));

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(store().find("r1")).contains(stored);
    }

    @Test
    default void insert_keepsEveryField() {
        ApprovalRequest full = StoreFixtures.fullyPopulated("r-full");

        ApprovalRequest stored = store().insert(full, event("r-full", "SUBMITTED"));

        assertThat(stored).isEqualTo(full.toBuilder().version(1).build());
        assertThat(store().find("r-full")).contains(stored);
    }

    @Test
    default void insert_keepsClaimFields() {
        ApprovalRequest claimed = request("r1", "app-1", 0).toBuilder()
                .status(Status.COMPLETING)
                .claimOwner("node-a")
                .claimExpiresAt(T0.plusSeconds(60))
                .build();

        ApprovalRequest stored = store().insert(claimed, event("r1", "SUBMITTED"));

        assertThat(store().find("r1")).contains(stored);
        assertThat(stored.claimOwner()).isEqualTo("node-a");
        assertThat(stored.claimExpiresAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    default void find_unknownId_isEmpty() {
        assertThat(store().find("nope")).isEmpty();
    }

    // ---- one open request per object ----

    @ParameterizedTest
    @EnumSource(
            value = Status.class,
            names = {"NEEDS_APPROVAL", "APPROVED", "COMPLETING"})
    default void insert_whileAnotherRequestForTheObjectIsOpen_isRefusedNamingIt(Status openStatus) {
        store().insert(request("r1", "app-1", 0).toBuilder().status(openStatus).build(), event("r1", "SUBMITTED"));
        long entriesBefore = auditSize();

        assertThatThrownBy(() -> store().insert(request("r2", "app-1", 1), event("r2", "SUBMITTED")))
                .isInstanceOfSatisfying(RequestAlreadyPendingException.class, e -> {
                    assertThat(e.pendingRequestId()).isEqualTo("r1");
                    assertThat(e.resourceKey()).isEqualTo("APP/app-1");
                    assertThat(e.getMessage()).contains("r1").contains(openStatus.name());
                });
        assertThat(store().find("r2")).isEmpty();
        assertThat(auditSize()).as("a refused insert appends nothing").isEqualTo(entriesBefore);
    }

    @ParameterizedTest
    @EnumSource(
            value = Status.class,
            names = {"COMPLETED", "FAILED", "REJECTED", "CANCELED", "EXPIRED"})
    default void insert_afterTheOpenRequestReachedAFinalStatus_succeeds(Status finalStatus) {
        ApprovalRequest first = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        store().update(
                        first.toBuilder().status(finalStatus).build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("r1", finalStatus.name()));

        ApprovalRequest second = store().insert(request("r2", "app-1", 1), event("r2", "SUBMITTED"));

        assertThat(store().findOpen("APP/app-1")).contains(second);
        assertThatThrownBy(() -> store().insert(request("r3", "app-1", 2), event("r3", "SUBMITTED")))
                .isInstanceOfSatisfying(
                        RequestAlreadyPendingException.class,
                        e -> assertThat(e.pendingRequestId()).isEqualTo("r2"));
    }

    @ParameterizedTest
    @EnumSource(
            value = Status.class,
            names = {"COMPLETED", "FAILED"})
    default void insert_inAFinalStatus_isAllowedWhileAnotherRequestForTheObjectIsOpen(Status finalStatus) {
        ApprovalRequest open = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

        ApprovalRequest record = store().insert(
                        request("glass", "app-1", 1).toBuilder()
                                .emergency(true)
                                .status(finalStatus)
                                .build(),
                        event("glass", "BREAK_GLASS"));

        assertThat(store().find("glass")).contains(record);
        assertThat(store().findOpen("APP/app-1")).contains(open);
    }

    @Test
    default void insert_sameObjectIdOfAnotherTypeOrCustomName_isAnotherObject() {
        ApprovalRequest app = request("r1", "42", 0);
        store().insert(app, event("r1", "SUBMITTED"));
        store().insert(
                        request("r2", "42", 1).toBuilder()
                                .resource(ResourceRef.of(ResourceType.SCRIPT, "42"))
                                .build(),
                        event("r2", "SUBMITTED"));
        store().insert(
                        request("r3", "42", 2).toBuilder()
                                .resource(new ResourceRef(ResourceType.CUSTOM, "plan", "42", null, null))
                                .build(),
                        event("r3", "SUBMITTED"));
        store().insert(
                        request("r4", "42", 3).toBuilder()
                                .resource(new ResourceRef(ResourceType.CUSTOM, "sku", "42", null, null))
                                .build(),
                        event("r4", "SUBMITTED"));

        assertThat(store().list(RequestQuery.all())).hasSize(4);
    }

    @Test
    default void findOpen_returnsTheOpenRequest_andNothingOnceItIsClosed() {
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        assertThat(store().findOpen("APP/app-1")).contains(r);
        assertThat(store().findOpen("APP/app-2")).isEmpty();

        ApprovalRequest approved = store().update(
                        r.toBuilder().status(Status.APPROVED).build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("r1", "APPROVED"));
        assertThat(store().findOpen("APP/app-1")).contains(approved);

        store().update(
                        approved.toBuilder().status(Status.CANCELED).build(),
                        Status.APPROVED,
                        2,
                        event("r1", "CANCELED"));
        assertThat(store().findOpen("APP/app-1")).isEmpty();
    }
}
