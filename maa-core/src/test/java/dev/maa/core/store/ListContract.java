package dev.maa.core.store;

import static dev.maa.core.store.StoreFixtures.APP_APPROVERS;
import static dev.maa.core.store.StoreFixtures.SECURITY;
import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.byRequester;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.ids;
import static dev.maa.core.store.StoreFixtures.request;
import static dev.maa.core.store.StoreFixtures.withFactors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link RequestStoreContract}: every {@link dev.maa.api.RequestQuery} filter, and paging.
 */
public interface ListContract extends ContractStore {

    // ---- list ----

    @Test
    default void list_all_newestFirst() {
        insertAll(request("a", "1", 0), request("b", "2", 2), request("c", "3", 1));

        assertThat(ids(store().list(RequestQuery.all()))).containsExactly("b", "c", "a");
    }

    @Test
    default void list_mine_onlyTheRequestersRequests() {
        insertAll(request("a", "1", 0), byRequester(request("b", "2", 1), "bob"), request("c", "3", 2));

        assertThat(ids(store().list(RequestQuery.all().mine("alice")))).containsExactly("c", "a");
        assertThat(ids(store().list(RequestQuery.all().mine("bob")))).containsExactly("b");
        assertThat(store().list(RequestQuery.all().mine("nobody"))).isEmpty();
    }

    @Test
    default void list_received_matchesAGroupOfAnyFactor_once() {
        insertAll(
                request("apps", "1", 0),
                withFactors(
                        request("both", "2", 1), Factor.of("apps", 1, APP_APPROVERS), Factor.of("sec", 1, SECURITY)),
                withFactors(request("sec", "3", 2), Factor.of("sec", 2, SECURITY, "auditors")),
                withFactors(request("other", "4", 3), Factor.of("hr", 1, "hr-admins")));

        assertThat(ids(store().list(RequestQuery.all().received(Set.of(APP_APPROVERS)))))
                .containsExactly("both", "apps");
        assertThat(ids(store().list(RequestQuery.all().received(Set.of(SECURITY)))))
                .containsExactly("sec", "both");
        assertThat(ids(store().list(RequestQuery.all().received(Set.of(APP_APPROVERS, SECURITY, "auditors")))))
                .containsExactly("sec", "both", "apps");
        assertThat(store().list(RequestQuery.all().received(Set.of("strangers"))))
                .isEmpty();
    }

    @Test
    default void list_receivedBy_leavesOutTheCallersOwn_beforePaging() {
        List<ApprovalRequest> all = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            all.add(byRequester(request("r" + i, "o" + i, i), i % 3 == 0 ? "bob" : "alice"));
        }
        insertAll(all.toArray(ApprovalRequest[]::new));
        RequestQuery bobsInbox = RequestQuery.all().receivedBy("bob", Set.of(APP_APPROVERS));

        assertThat(ids(store().list(bobsInbox.page(0, 2)))).containsExactly("r8", "r7");
        assertThat(ids(store().list(bobsInbox.page(2, 2)))).containsExactly("r5", "r4");
        assertThat(ids(store().list(bobsInbox.page(4, 3)))).containsExactly("r2", "r1");
        assertThat(ids(store().list(bobsInbox
                        .withStatuses(Set.of(Status.NEEDS_APPROVAL))
                        .page(1, 10))))
                .containsExactly("r7", "r5", "r4", "r2", "r1");
    }

    @Test
    default void list_idsAndGroups_compareInCanonicalForm_howeverTheQuerySpellsThem() {
        insertAll(
                withFactors(request("spaced", "1", 0), Factor.of("apps", 1, "App  Approvers")),
                withFactors(byRequester(request("bobs", "2", 1), "bob"), Factor.of("apps", 1, "app approvers")));

        assertThat(ids(store().list(RequestQuery.all().received(Set.of("APP APPROVERS")))))
                .containsExactly("bobs", "spaced");
        assertThat(ids(store().list(RequestQuery.all().received(Set.of("ａｐｐ ａｐｐｒｏｖｅｒｓ")))))
                .containsExactly("bobs", "spaced");
        assertThat(ids(store().list(RequestQuery.all().receivedBy("BOB", Set.of("App Approvers")))))
                .containsExactly("spaced");
        assertThat(ids(store().list(RequestQuery.all().receivedBy("ｂｏｂ", Set.of("App Approvers")))))
                .containsExactly("spaced");
        assertThat(ids(store().list(RequestQuery.all().mine("Bob")))).containsExactly("bobs");
    }

    @Test
    default void list_byStatuses_followsTransitions() {
        ApprovalRequest a = store().insert(request("a", "1", 0), event("a", "SUBMITTED"));
        store().insert(request("b", "2", 1), event("b", "SUBMITTED"));
        store().update(a.toBuilder().status(Status.APPROVED).build(), Status.NEEDS_APPROVAL, 1, event("a", "APPROVED"));

        RequestQuery pending = RequestQuery.all().withStatuses(Set.of(Status.NEEDS_APPROVAL));
        assertThat(ids(store().list(pending))).containsExactly("b");
        assertThat(ids(store().list(pending.received(Set.of(APP_APPROVERS))))).containsExactly("b");
        RequestQuery approved = RequestQuery.all().withStatuses(Set.of(Status.APPROVED));
        assertThat(ids(store().list(approved))).containsExactly("a");
        assertThat(ids(store().list(approved.received(Set.of(APP_APPROVERS))))).containsExactly("a");
        assertThat(ids(store().list(RequestQuery.all()
                        .withStatuses(Set.of(Status.APPROVED, Status.NEEDS_APPROVAL))
                        .received(Set.of(APP_APPROVERS)))))
                .containsExactly("b", "a");
    }

    @Test
    default void list_expiringBefore_onlyOpenRequests() {
        ApprovalRequest soon = store().insert(
                        request("soon", "1", 0).toBuilder()
                                .expiresAt(T0.plusSeconds(60))
                                .build(),
                        event("soon", "SUBMITTED"));
        store().insert(
                        request("later", "2", 1).toBuilder()
                                .expiresAt(T0.plus(Duration.ofDays(2)))
                                .build(),
                        event("later", "SUBMITTED"));
        ApprovalRequest closed = store().insert(
                        request("closed", "3", 2).toBuilder()
                                .expiresAt(T0.plusSeconds(30))
                                .build(),
                        event("closed", "SUBMITTED"));
        store().update(
                        closed.toBuilder().status(Status.REJECTED).build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("closed", "REJECTED"));

        assertThat(ids(store().list(RequestQuery.all().expiringBefore(T0.plus(Duration.ofHours(1))))))
                .containsExactly("soon");
        assertThat(ids(store().list(RequestQuery.all().expiringBefore(T0.plus(Duration.ofDays(3))))))
                .containsExactly("later", "soon");
        assertThat(store().list(RequestQuery.all().expiringBefore(T0.plusSeconds(60))))
                .as("strictly before")
                .isEmpty();
        assertThat(soon.status().isOpen()).isTrue();
    }

    @Test
    default void list_postReviewOpen_onlyBreakGlassRequestsAwaitingReview() {
        ApprovalRequest glass = request("glass", "1", 0).toBuilder()
                .emergency(true)
                .status(Status.COMPLETED)
                .build();
        ApprovalRequest reviewed = request("reviewed", "2", 1).toBuilder()
                .emergency(true)
                .status(Status.COMPLETED)
                .postReview(new dev.maa.api.PostReview("dave", "fine", T0))
                .build();
        insertAll(glass, reviewed, request("normal", "3", 2));

        assertThat(ids(store().list(RequestQuery.all().onlyPostReviewOpen()))).containsExactly("glass");

        ApprovalRequest stored = store().find("glass").orElseThrow();
        store().update(
                        stored.toBuilder()
                                .postReview(new dev.maa.api.PostReview("dave", "ok", T0))
                                .build(),
                        Status.COMPLETED,
                        1,
                        event("glass", "POST_REVIEWED"));
        assertThat(store().list(RequestQuery.all().onlyPostReviewOpen())).isEmpty();
    }

    @Test
    default void list_combinedFilters_allMustMatch() {
        insertAll(
                request("a", "1", 0),
                byRequester(request("b", "2", 1), "bob"),
                withFactors(byRequester(request("c", "3", 2), "bob"), Factor.of("sec", 1, SECURITY)),
                byRequester(request("d", "4", 3), "bob").toBuilder()
                        .expiresAt(T0.plusSeconds(600))
                        .build());

        RequestQuery q = RequestQuery.all()
                .mine("bob")
                .received(Set.of(APP_APPROVERS))
                .withStatuses(Set.of(Status.NEEDS_APPROVAL));
        assertThat(ids(store().list(q))).containsExactly("d", "b");
        assertThat(ids(store().list(q.expiringBefore(T0.plus(Duration.ofHours(1))))))
                .containsExactly("d");
        assertThat(store().list(q.onlyPostReviewOpen())).isEmpty();
    }

    @Test
    default void list_pages_coverEverythingOnce_newestFirst() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            store().insert(request("r" + i, "obj-" + i, i), event("r" + i, "SUBMITTED"));
            expected.add(0, "r" + i);
        }
        assertThat(pagedIds(RequestQuery.all(), 5)).containsExactlyElementsOf(expected);
        assertThat(pagedIds(RequestQuery.all().received(Set.of(APP_APPROVERS, "unused")), 7))
                .containsExactlyElementsOf(expected);
        assertThat(store().list(RequestQuery.all().page(23, 5))).isEmpty();
        assertThat(ids(store().list(RequestQuery.all().page(20, 100)))).containsExactly("r2", "r1", "r0");
    }

    @Test
    default void list_pages_mergeEveryStatus_newestFirst() {
        Status[] statuses = Status.values();
        List<String> expected = new ArrayList<>();
        List<String> finalOnes = new ArrayList<>();
        for (int i = 0; i < 3 * statuses.length + 2; i++) {
            Status status = statuses[(i * 5) % statuses.length]; // neighbours in time differ in status
            insertAll(request("m" + i, "obj-" + i, i).toBuilder().status(status).build());
            expected.add(0, "m" + i);
            if (!status.isOpen()) {
                finalOnes.add(0, "m" + i);
            }
        }
        Set<Status> closed =
                EnumSet.complementOf(EnumSet.of(Status.NEEDS_APPROVAL, Status.APPROVED, Status.COMPLETING));

        assertThat(pagedIds(RequestQuery.all(), 4)).containsExactlyElementsOf(expected);
        assertThat(pagedIds(RequestQuery.all().received(Set.of(APP_APPROVERS)), 3))
                .containsExactlyElementsOf(expected);
        assertThat(pagedIds(RequestQuery.all().withStatuses(closed), 3)).containsExactlyElementsOf(finalOnes);
        assertThat(pagedIds(RequestQuery.all().withStatuses(closed).received(Set.of(APP_APPROVERS)), 5))
                .containsExactlyElementsOf(finalOnes);
        Set<String> nineGroups = new HashSet<>(Set.of(APP_APPROVERS)); // more groups than a store may branch over
        for (int g = 1; g < 9; g++) {
            nineGroups.add("group-" + g);
        }
        assertThat(pagedIds(RequestQuery.all().received(nineGroups), 4)).containsExactlyElementsOf(expected);
        assertThat(pagedIds(
                        RequestQuery.all().received(nineGroups).mine("alice").withStatuses(closed), 3))
                .containsExactlyElementsOf(finalOnes);
        nineGroups.remove(APP_APPROVERS);
        assertThat(store().list(RequestQuery.all().received(nineGroups))).isEmpty();
    }

    @Test
    default void list_pages_areStableWhenCreationTimesTie() {
        for (int i = 0; i < 12; i++) {
            store().insert(request("t" + i, "obj-" + i, 0), event("t" + i, "SUBMITTED"));
        }
        List<String> paged = pagedIds(RequestQuery.all(), 5);
        assertThat(paged).hasSize(12).doesNotHaveDuplicates();
        assertThat(pagedIds(RequestQuery.all().received(Set.of(APP_APPROVERS)), 5))
                .containsExactlyElementsOf(paged);
    }
}
