package dev.maa.core.store;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditVerification;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.Factor;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.RequestNotFoundException;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.audit.AuditChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.maa.core.store.StoreFixtures.APP_APPROVERS;
import static dev.maa.core.store.StoreFixtures.SECURITY;
import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link RequestStore} must do, whatever it keeps its data in. A store's test extends this class and
 * supplies a fresh, empty store per test plus ways to tamper with its data behind its back.
 *
 * <p>Covers: insert and find, the one-open-request-per-object rule (also after a request closes), conditional
 * updates, every {@link RequestQuery} filter and paging, the audit chain (append, history, verify, tamper
 * detection), payload tampering staying visible, and races between 16 threads.
 */
public abstract class RequestStoreContract {

    protected RequestStore store;

    /** A new store with no requests and an empty audit log. */
    protected abstract RequestStore createStore();

    /** Overwrites the {@code detail} of the stored audit entry {@code seq}, bypassing the store. */
    protected abstract void tamperAuditDetail(RequestStore store, long seq, String detail);

    /** Deletes the stored audit entry {@code seq}, bypassing the store (its own bookkeeping of the head stays). */
    protected abstract void deleteAuditEntry(RequestStore store, long seq);

    /** Replaces the stored payload of a request, bypassing the store and leaving its digest as it was. */
    protected abstract void tamperPayload(RequestStore store, String requestId, String payload);

    /** Releases a store after a test; closes it by default when it is {@link AutoCloseable}. */
    protected void releaseStore(RequestStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @BeforeEach
    void createFreshStore() {
        store = createStore();
    }

    @AfterEach
    void releaseTheStore() throws Exception {
        releaseStore(store);
    }

    // ---- insert and find ----

    @Test
    void insert_storesVersionOne_andFindReturnsTheStoredValue() {
        ApprovalRequest stored = store.insert(request("r1", "app-1", 0).toBuilder().version(7).build(), event("r1", "SUBMITTED"));

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(store.find("r1")).contains(stored);
    }

    @Test
    void insert_keepsEveryField() {
        ApprovalRequest full = StoreFixtures.fullyPopulated("r-full");

        ApprovalRequest stored = store.insert(full, event("r-full", "SUBMITTED"));

        assertThat(stored).isEqualTo(full.toBuilder().version(1).build());
        assertThat(store.find("r-full")).contains(stored);
    }

    @Test
    void insert_keepsClaimFields() {
        ApprovalRequest claimed = request("r1", "app-1", 0).toBuilder().status(Status.COMPLETING)
                .claimOwner("node-a").claimExpiresAt(T0.plusSeconds(60)).build();

        ApprovalRequest stored = store.insert(claimed, event("r1", "SUBMITTED"));

        assertThat(store.find("r1")).contains(stored);
        assertThat(stored.claimOwner()).isEqualTo("node-a");
        assertThat(stored.claimExpiresAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void find_unknownId_isEmpty() {
        assertThat(store.find("nope")).isEmpty();
    }

    // ---- one open request per object ----

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"NEEDS_APPROVAL", "APPROVED", "COMPLETING"})
    void insert_whileAnotherRequestForTheObjectIsOpen_isRefusedNamingIt(Status openStatus) {
        store.insert(request("r1", "app-1", 0).toBuilder().status(openStatus).build(), event("r1", "SUBMITTED"));
        long entriesBefore = auditSize();

        assertThatThrownBy(() -> store.insert(request("r2", "app-1", 1), event("r2", "SUBMITTED")))
                .isInstanceOfSatisfying(RequestAlreadyPendingException.class, e -> {
                    assertThat(e.pendingRequestId()).isEqualTo("r1");
                    assertThat(e.resourceKey()).isEqualTo("APP/app-1");
                    assertThat(e.getMessage()).contains("r1").contains(openStatus.name());
                });
        assertThat(store.find("r2")).isEmpty();
        assertThat(auditSize()).as("a refused insert appends nothing").isEqualTo(entriesBefore);
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"COMPLETED", "FAILED", "REJECTED", "CANCELED", "EXPIRED"})
    void insert_afterTheOpenRequestReachedAFinalStatus_succeeds(Status finalStatus) {
        ApprovalRequest first = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        store.update(first.toBuilder().status(finalStatus).build(), Status.NEEDS_APPROVAL, 1, event("r1", finalStatus.name()));

        ApprovalRequest second = store.insert(request("r2", "app-1", 1), event("r2", "SUBMITTED"));

        assertThat(store.findOpen("APP/app-1")).contains(second);
        assertThatThrownBy(() -> store.insert(request("r3", "app-1", 2), event("r3", "SUBMITTED")))
                .isInstanceOfSatisfying(RequestAlreadyPendingException.class,
                        e -> assertThat(e.pendingRequestId()).isEqualTo("r2"));
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"COMPLETED", "FAILED"})
    void insert_inAFinalStatus_isAllowedWhileAnotherRequestForTheObjectIsOpen(Status finalStatus) {
        ApprovalRequest open = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

        ApprovalRequest record = store.insert(request("glass", "app-1", 1).toBuilder().emergency(true).status(finalStatus)
                .build(), event("glass", "BREAK_GLASS"));

        assertThat(store.find("glass")).contains(record);
        assertThat(store.findOpen("APP/app-1")).contains(open);
    }

    @Test
    void insert_sameObjectIdOfAnotherTypeOrCustomName_isAnotherObject() {
        ApprovalRequest app = request("r1", "42", 0);
        store.insert(app, event("r1", "SUBMITTED"));
        store.insert(request("r2", "42", 1).toBuilder().resource(ResourceRef.of(ResourceType.SCRIPT, "42")).build(),
                event("r2", "SUBMITTED"));
        store.insert(request("r3", "42", 2).toBuilder().resource(new ResourceRef(ResourceType.CUSTOM, "plan", "42", null, null))
                .build(), event("r3", "SUBMITTED"));
        store.insert(request("r4", "42", 3).toBuilder().resource(new ResourceRef(ResourceType.CUSTOM, "sku", "42", null, null))
                .build(), event("r4", "SUBMITTED"));

        assertThat(store.list(RequestQuery.all())).hasSize(4);
    }

    @Test
    void findOpen_returnsTheOpenRequest_andNothingOnceItIsClosed() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        assertThat(store.findOpen("APP/app-1")).contains(r);
        assertThat(store.findOpen("APP/app-2")).isEmpty();

        ApprovalRequest approved = store.update(r.toBuilder().status(Status.APPROVED).build(), Status.NEEDS_APPROVAL, 1,
                event("r1", "APPROVED"));
        assertThat(store.findOpen("APP/app-1")).contains(approved);

        store.update(approved.toBuilder().status(Status.CANCELED).build(), Status.APPROVED, 2, event("r1", "CANCELED"));
        assertThat(store.findOpen("APP/app-1")).isEmpty();
    }

    // ---- conditional updates ----

    @Test
    void update_withExpectedStatusAndVersion_storesTheNextVersionAndAppendsTheEvent() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

        ApprovalRequest approved = store.update(r.toBuilder().status(Status.APPROVED).version(99).outcome("quorum")
                .updatedAt(T0.plusSeconds(5)).build(), Status.NEEDS_APPROVAL, 1, event("r1", "APPROVED"));

        assertThat(approved.version()).as("version is expected + 1, whatever the value said").isEqualTo(2);
        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(store.find("r1")).contains(approved);
        assertThat(store.auditLog().forRequest("r1")).extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "APPROVED");
    }

    @Test
    void update_keepsTheStoredPayloadAndDigest_andReturnsThem() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        String forged = "{\"method\":\"delete\",\"args\":[\"everything\"]}";

        ApprovalRequest approved = store.update(r.toBuilder().status(Status.APPROVED).payload(forged)
                .digest(StoreFixtures.sha256(forged)).build(), Status.NEEDS_APPROVAL, 1, event("r1", "APPROVED"));

        assertThat(approved.payload()).isEqualTo(r.payload());
        assertThat(approved.digest()).isEqualTo(r.digest());
        assertThat(store.find("r1").orElseThrow().payload()).isEqualTo(r.payload());
        assertThat(store.find("r1").orElseThrow().digest()).isEqualTo(r.digest());
    }

    @Test
    void update_returnsAPayloadAlteredInTheStore_asStored_soTheDigestCheckCatchesIt() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        tamperPayload(store, "r1", "{\"method\":\"delete\",\"args\":[\"everything\"]}");

        ApprovalRequest approved = store.update(r.toBuilder().status(Status.APPROVED).build(), Status.NEEDS_APPROVAL, 1,
                event("r1", "APPROVED"));

        assertThat(approved.payload()).as("what the store holds, not the caller's copy").contains("everything");
        assertThat(approved.digest()).isEqualTo(r.digest());
        assertThat(StoreFixtures.sha256(approved.payload())).isNotEqualTo(approved.digest());
    }

    @Test
    void update_throughTheWholeLifeCycle_countsVersions() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        Status[] path = {Status.APPROVED, Status.COMPLETING, Status.COMPLETED};
        for (Status next : path) {
            r = store.update(r.toBuilder().status(next).build(), r.status(), r.version(), event("r1", next.name()));
        }
        assertThat(r.version()).isEqualTo(4);
        assertThat(store.find("r1")).contains(r);
        assertThat(store.auditLog().forRequest("r1")).extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "APPROVED", "COMPLETING", "COMPLETED");
    }

    @Test
    void update_withStaleVersion_throwsConcurrentUpdate_andChangesNothing() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        ApprovalRequest v2 = store.update(r.toBuilder().outcome("first").build(), Status.NEEDS_APPROVAL, 1, event("r1", "NOTE"));
        long entries = auditSize();

        assertThatThrownBy(() -> store.update(r.toBuilder().status(Status.APPROVED).build(), Status.NEEDS_APPROVAL, 1,
                event("r1", "APPROVED"))).isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("r1");

        assertThat(store.find("r1")).contains(v2);
        assertThat(auditSize()).isEqualTo(entries);
    }

    @Test
    void update_withWrongExpectedStatus_throwsConcurrentUpdate() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

        assertThatThrownBy(() -> store.update(r.toBuilder().status(Status.COMPLETING).build(), Status.APPROVED, 1,
                event("r1", "COMPLETING"))).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.find("r1")).contains(r);
    }

    @Test
    void recordOutcome_ofACompletingRequest_storesTheFinalStatusAndItsEvent() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        r = store.update(r.toBuilder().status(Status.APPROVED).build(), r.status(), r.version(), event("r1", "APPROVED"));
        r = store.update(r.toBuilder().status(Status.COMPLETING).build(), r.status(), r.version(), event("r1", "COMPLETING"));

        ApprovalRequest done = store.recordOutcome(r.toBuilder().status(Status.COMPLETED).outcome("ok").build(),
                r.version(), event("r1", "COMPLETED"));

        assertThat(done.version()).isEqualTo(4);
        assertThat(store.find("r1")).contains(done);
        assertThat(store.findOpen(done.resource().key())).as("the object is free again").isEmpty();
        assertThat(store.auditLog().forRequest("r1")).extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "APPROVED", "COMPLETING", "COMPLETED");
    }

    @Test
    void recordOutcome_thatIsNotAnOutcome_isRefused_andChangesNothing() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        long entries = auditSize();

        assertThatThrownBy(() -> store.recordOutcome(r.toBuilder().status(Status.CANCELED).build(), r.version(),
                event("r1", "CANCELED"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CANCELED");

        assertThat(store.find("r1")).contains(r);
        assertThat(auditSize()).isEqualTo(entries);
    }

    @Test
    void recordOutcome_ofARequestNoLongerCompletingAtThatVersion_throwsConcurrentUpdate_andChangesNothing() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        long entries = auditSize();

        assertThatThrownBy(() -> store.recordOutcome(r.toBuilder().status(Status.COMPLETED).build(), r.version(),
                event("r1", "COMPLETED"))).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(store.find("r1")).contains(r);
        assertThat(auditSize()).isEqualTo(entries);
    }

    @Test
    void update_unknownRequest_throwsNotFound() {
        assertThatThrownBy(() -> store.update(request("ghost", "app-1", 0), Status.NEEDS_APPROVAL, 1,
                event("ghost", "APPROVED"))).isInstanceOf(RequestNotFoundException.class).hasMessageContaining("ghost");
        assertThat(auditSize()).isZero();
    }

    // ---- list ----

    @Test
    void list_all_newestFirst() {
        insertAll(request("a", "1", 0), request("b", "2", 2), request("c", "3", 1));

        assertThat(ids(store.list(RequestQuery.all()))).containsExactly("b", "c", "a");
    }

    @Test
    void list_mine_onlyTheRequestersRequests() {
        insertAll(request("a", "1", 0), byRequester(request("b", "2", 1), "bob"), request("c", "3", 2));

        assertThat(ids(store.list(RequestQuery.all().mine("alice")))).containsExactly("c", "a");
        assertThat(ids(store.list(RequestQuery.all().mine("bob")))).containsExactly("b");
        assertThat(store.list(RequestQuery.all().mine("nobody"))).isEmpty();
    }

    @Test
    void list_received_matchesAGroupOfAnyFactor_once() {
        insertAll(request("apps", "1", 0),
                withFactors(request("both", "2", 1), Factor.of("apps", 1, APP_APPROVERS), Factor.of("sec", 1, SECURITY)),
                withFactors(request("sec", "3", 2), Factor.of("sec", 2, SECURITY, "auditors")),
                withFactors(request("other", "4", 3), Factor.of("hr", 1, "hr-admins")));

        assertThat(ids(store.list(RequestQuery.all().received(Set.of(APP_APPROVERS))))).containsExactly("both", "apps");
        assertThat(ids(store.list(RequestQuery.all().received(Set.of(SECURITY))))).containsExactly("sec", "both");
        assertThat(ids(store.list(RequestQuery.all().received(Set.of(APP_APPROVERS, SECURITY, "auditors")))))
                .containsExactly("sec", "both", "apps");
        assertThat(store.list(RequestQuery.all().received(Set.of("strangers")))).isEmpty();
    }

    @Test
    void list_byStatuses_followsTransitions() {
        ApprovalRequest a = store.insert(request("a", "1", 0), event("a", "SUBMITTED"));
        store.insert(request("b", "2", 1), event("b", "SUBMITTED"));
        store.update(a.toBuilder().status(Status.APPROVED).build(), Status.NEEDS_APPROVAL, 1, event("a", "APPROVED"));

        RequestQuery pending = RequestQuery.all().withStatuses(Set.of(Status.NEEDS_APPROVAL));
        assertThat(ids(store.list(pending))).containsExactly("b");
        assertThat(ids(store.list(pending.received(Set.of(APP_APPROVERS))))).containsExactly("b");
        RequestQuery approved = RequestQuery.all().withStatuses(Set.of(Status.APPROVED));
        assertThat(ids(store.list(approved))).containsExactly("a");
        assertThat(ids(store.list(approved.received(Set.of(APP_APPROVERS))))).containsExactly("a");
        assertThat(ids(store.list(RequestQuery.all().withStatuses(Set.of(Status.APPROVED, Status.NEEDS_APPROVAL))
                .received(Set.of(APP_APPROVERS))))).containsExactly("b", "a");
    }

    @Test
    void list_expiringBefore_onlyOpenRequests() {
        ApprovalRequest soon = store.insert(request("soon", "1", 0).toBuilder().expiresAt(T0.plusSeconds(60)).build(),
                event("soon", "SUBMITTED"));
        store.insert(request("later", "2", 1).toBuilder().expiresAt(T0.plus(Duration.ofDays(2))).build(),
                event("later", "SUBMITTED"));
        ApprovalRequest closed = store.insert(request("closed", "3", 2).toBuilder().expiresAt(T0.plusSeconds(30)).build(),
                event("closed", "SUBMITTED"));
        store.update(closed.toBuilder().status(Status.REJECTED).build(), Status.NEEDS_APPROVAL, 1, event("closed", "REJECTED"));

        assertThat(ids(store.list(RequestQuery.all().expiringBefore(T0.plus(Duration.ofHours(1)))))).containsExactly("soon");
        assertThat(ids(store.list(RequestQuery.all().expiringBefore(T0.plus(Duration.ofDays(3))))))
                .containsExactly("later", "soon");
        assertThat(store.list(RequestQuery.all().expiringBefore(T0.plusSeconds(60)))).as("strictly before").isEmpty();
        assertThat(soon.status().isOpen()).isTrue();
    }

    @Test
    void list_postReviewOpen_onlyBreakGlassRequestsAwaitingReview() {
        ApprovalRequest glass = request("glass", "1", 0).toBuilder().emergency(true).status(Status.COMPLETED).build();
        ApprovalRequest reviewed = request("reviewed", "2", 1).toBuilder().emergency(true).status(Status.COMPLETED)
                .postReview(new dev.maa.api.PostReview("dave", "fine", T0)).build();
        insertAll(glass, reviewed, request("normal", "3", 2));

        assertThat(ids(store.list(RequestQuery.all().onlyPostReviewOpen()))).containsExactly("glass");

        ApprovalRequest stored = store.find("glass").orElseThrow();
        store.update(stored.toBuilder().postReview(new dev.maa.api.PostReview("dave", "ok", T0)).build(),
                Status.COMPLETED, 1, event("glass", "POST_REVIEWED"));
        assertThat(store.list(RequestQuery.all().onlyPostReviewOpen())).isEmpty();
    }

    @Test
    void list_combinedFilters_allMustMatch() {
        insertAll(request("a", "1", 0), byRequester(request("b", "2", 1), "bob"),
                withFactors(byRequester(request("c", "3", 2), "bob"), Factor.of("sec", 1, SECURITY)),
                byRequester(request("d", "4", 3), "bob").toBuilder().expiresAt(T0.plusSeconds(600)).build());

        RequestQuery q = RequestQuery.all().mine("bob").received(Set.of(APP_APPROVERS))
                .withStatuses(Set.of(Status.NEEDS_APPROVAL));
        assertThat(ids(store.list(q))).containsExactly("d", "b");
        assertThat(ids(store.list(q.expiringBefore(T0.plus(Duration.ofHours(1)))))).containsExactly("d");
        assertThat(store.list(q.onlyPostReviewOpen())).isEmpty();
    }

    @Test
    void list_pages_coverEverythingOnce_newestFirst() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            store.insert(request("r" + i, "obj-" + i, i), event("r" + i, "SUBMITTED"));
            expected.add(0, "r" + i);
        }
        assertThat(pagedIds(RequestQuery.all(), 5)).containsExactlyElementsOf(expected);
        assertThat(pagedIds(RequestQuery.all().received(Set.of(APP_APPROVERS, "unused")), 7)).containsExactlyElementsOf(expected);
        assertThat(store.list(RequestQuery.all().page(23, 5))).isEmpty();
        assertThat(ids(store.list(RequestQuery.all().page(20, 100)))).containsExactly("r2", "r1", "r0");
    }

    @Test
    void list_pages_areStableWhenCreationTimesTie() {
        for (int i = 0; i < 12; i++) {
            store.insert(request("t" + i, "obj-" + i, 0), event("t" + i, "SUBMITTED"));
        }
        List<String> paged = pagedIds(RequestQuery.all(), 5);
        assertThat(paged).hasSize(12).doesNotHaveDuplicates();
        assertThat(pagedIds(RequestQuery.all().received(Set.of(APP_APPROVERS)), 5)).containsExactlyElementsOf(paged);
    }

    // ---- audit ----

    @Test
    void audit_append_chainsConsecutiveEntriesFromGenesis() {
        AuditEntry first = store.auditLog().append(new AuditEvent(T0, "", "alice", "CALL_DENIED", "no policy"));
        AuditEntry second = store.auditLog().append(new AuditEvent(T0.plusSeconds(1), "", "bob", "POLICY_CHANGED", "{}"));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isEqualTo(AuditChain.hash(2, second.event(), first.hash()));
        assertThat(store.auditLog().read(0, 10)).containsExactly(first, second);
    }

    @Test
    void audit_timestampsAreStoredInMilliseconds() {
        Instant precise = T0.plusNanos(987_654);
        AuditEntry entry = store.auditLog().append(new AuditEvent(precise, "r1", "alice", "NOTE", "x"));

        assertThat(entry.event().at()).isEqualTo(AuditChain.normalize(precise));
        assertThat(store.auditLog().read(0, 1)).containsExactly(entry);
        assertThat(store.auditLog().verify().intact()).isTrue();
    }

    @Test
    void audit_read_pagesAfterASeq() {
        for (int i = 0; i < 7; i++) {
            store.auditLog().append(event("", "E" + i));
        }
        assertThat(store.auditLog().read(2, 3)).extracting(AuditEntry::seq).containsExactly(3L, 4L, 5L);
        assertThat(store.auditLog().read(6, 10)).extracting(AuditEntry::seq).containsExactly(7L);
        assertThat(store.auditLog().read(7, 10)).isEmpty();
    }

    @Test
    void audit_forRequest_isTheStatusHistory_andTransitionsShareOneChain() {
        ApprovalRequest a = store.insert(request("a", "1", 0), event("a", "SUBMITTED"));
        store.insert(request("b", "2", 1), event("b", "SUBMITTED"));
        store.auditLog().append(new AuditEvent(T0, "", "eve", "CALL_DENIED", "denied"));
        store.update(a.toBuilder().status(Status.REJECTED).build(), Status.NEEDS_APPROVAL, 1, event("a", "REJECTED"));

        assertThat(store.auditLog().forRequest("a")).extracting(AuditEntry::seq).containsExactly(1L, 4L);
        assertThat(store.auditLog().forRequest("b")).extracting(e -> e.event().type()).containsExactly("SUBMITTED");
        AuditVerification v = store.auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(4);
    }

    @Test
    void audit_verify_detectsAnEditedEntry() {
        writeHistory(5);

        tamperAuditDetail(store, 3, "nothing to see here");

        AuditVerification v = store.auditLog().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("seq 3"));
    }

    @Test
    void audit_verify_detectsADeletedMiddleEntry() {
        writeHistory(5);

        deleteAuditEntry(store, 3);

        AuditVerification v = store.auditLog().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("seq 3").contains("missing"));
    }

    @Test
    void audit_verify_detectsADeletedNewestEntry() {
        writeHistory(5);

        deleteAuditEntry(store, 5);

        AuditVerification v = store.auditLog().verify();
        assertThat(v.intact()).as("a truncated tail must be detected too").isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("seq 5"));
    }

    @Test
    void audit_verify_emptyLogIsIntact() {
        assertThat(store.auditLog().verify()).isEqualTo(new AuditVerification(0, List.of()));
    }

    // ---- payload integrity ----

    @Test
    void tamperedPayload_isReturnedAsStored_soTheDigestCheckCatchesIt() {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        assertThat(StoreFixtures.sha256(r.payload())).isEqualTo(r.digest());

        tamperPayload(store, "r1", "{\"method\":\"delete\",\"args\":[\"everything\"]}");

        ApprovalRequest read = store.find("r1").orElseThrow();
        assertThat(read.payload()).contains("everything");
        assertThat(read.digest()).as("the store never reseals a payload").isEqualTo(r.digest());
        assertThat(StoreFixtures.sha256(read.payload())).isNotEqualTo(read.digest());
    }

    // ---- races ----

    @Test
    @Timeout(120)
    void concurrentUpdates_from16Threads_haveExactlyOneWinnerPerVersion() throws Exception {
        ApprovalRequest r = store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        int rounds = 8;
        for (int round = 0; round < rounds; round++) {
            ApprovalRequest current = store.find("r1").orElseThrow();
            List<Object> results = race(16, t -> store.update(current.toBuilder().outcome("thread " + t).build(),
                    current.status(), current.version(), event("r1", "NOTE")));
            assertThat(results).filteredOn(o -> o instanceof ApprovalRequest).as("round %d", round).hasSize(1);
            assertThat(results).filteredOn(o -> !(o instanceof ApprovalRequest))
                    .allSatisfy(o -> assertThat(o).isInstanceOf(ConcurrentUpdateException.class));
            ApprovalRequest winner = (ApprovalRequest) results.stream().filter(o -> o instanceof ApprovalRequest)
                    .findFirst().orElseThrow();
            assertThat(store.find("r1")).contains(winner);
        }
        assertThat(store.find("r1").orElseThrow().version()).isEqualTo(1 + rounds);
        assertThat(store.auditLog().forRequest("r1")).hasSize(1 + rounds);
        assertThat(store.auditLog().verify().intact()).isTrue();
        assertThat(r.version()).isEqualTo(1);
    }

    @Test
    @Timeout(120)
    void concurrentInserts_forOneObject_from16Threads_leaveExactlyOneOpenRequest() throws Exception {
        List<Object> results = race(16, t -> store.insert(request("r" + t, "app-1", t), event("r" + t, "SUBMITTED")));

        assertThat(results).filteredOn(o -> o instanceof ApprovalRequest).hasSize(1);
        ApprovalRequest winner = (ApprovalRequest) results.stream().filter(o -> o instanceof ApprovalRequest)
                .findFirst().orElseThrow();
        assertThat(results).filteredOn(o -> !(o instanceof ApprovalRequest)).hasSize(15).allSatisfy(o ->
                assertThat(o).isInstanceOfSatisfying(RequestAlreadyPendingException.class,
                        e -> assertThat(e.pendingRequestId()).isEqualTo(winner.id())));
        assertThat(store.list(RequestQuery.all())).containsExactly(winner);
        assertThat(auditSize()).isEqualTo(1);
    }

    @Test
    @Timeout(120)
    void concurrentAppends_from16Threads_keepOneLinearChain() throws Exception {
        int perThread = 15;
        race(16, t -> {
            for (int i = 0; i < perThread; i++) {
                store.auditLog().append(new AuditEvent(T0.plusMillis(i), "", "thread-" + t, "NOTE", "entry " + i));
            }
            return null;
        });

        List<AuditEntry> all = store.auditLog().read(0, 1000);
        assertThat(all).extracting(AuditEntry::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 16L * perThread).boxed().toList());
        AuditVerification v = store.auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(16L * perThread);
    }

    // ---- helpers ----

    /** Runs {@code task} on {@code threads} threads released together; returns each result or exception. */
    protected static List<Object> race(int threads, ThreadTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Callable<Object> call = () -> {
                    ready.countDown();
                    go.await();
                    try {
                        return task.run(id);
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(pool.submit(call));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(90, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread's part of a {@link #race}. */
    @FunctionalInterface
    protected interface ThreadTask {
        Object run(int thread);
    }

    protected long auditSize() {
        return store.auditLog().read(0, 10_000).size();
    }

    /** Appends {@code n} entries through transitions and plain events, seq 1..n. */
    protected void writeHistory(int n) {
        store.insert(request("h1", "hist", 0), event("h1", "SUBMITTED"));
        for (int i = 2; i <= n; i++) {
            store.auditLog().append(event("h1", "NOTE", T0.plusSeconds(i)));
        }
        assertThat(store.auditLog().verify().intact()).isTrue();
    }

    protected void insertAll(ApprovalRequest... requests) {
        for (ApprovalRequest r : requests) {
            store.insert(r, event(r.id(), "SUBMITTED"));
        }
    }

    protected static ApprovalRequest byRequester(ApprovalRequest r, String requester) {
        return r.toBuilder().requester(dev.maa.api.Principal.of(requester, "helpdesk")).build();
    }

    protected static ApprovalRequest withFactors(ApprovalRequest r, Factor... factors) {
        return r.toBuilder().factors(List.of(factors)).build();
    }

    protected static List<String> ids(List<ApprovalRequest> requests) {
        return requests.stream().map(ApprovalRequest::id).toList();
    }

    protected List<String> pagedIds(RequestQuery query, int pageSize) {
        List<String> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < 10_000; offset += pageSize) {
            List<ApprovalRequest> page = store.list(query.page(offset, pageSize));
            for (ApprovalRequest r : page) {
                assertThat(seen.add(r.id())).as("%s appears on two pages", r.id()).isTrue();
                all.add(r.id());
            }
            if (page.size() < pageSize) {
                break;
            }
        }
        return all;
    }
}
