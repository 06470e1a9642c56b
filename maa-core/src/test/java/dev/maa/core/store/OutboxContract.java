package dev.maa.core.store;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.Notification;
import dev.maa.api.NotificationOutbox;
import dev.maa.api.NotificationOutbox.OutboxEntry;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.Status;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link RequestStoreContract}, for stores that keep a {@link NotificationOutbox}: notifications are
 * written with their transition or not at all, and leave the outbox only when delivered or given up.
 */
public interface OutboxContract extends ContractStore {

    /** Later than any entry's next attempt here (and within the range of a database's timestamps). */
    Instant LATER = T0.plusSeconds(10L * 365 * 86_400);

    private NotificationOutbox outbox() {
        assumeTrue(store() instanceof NotificationOutbox, "the store keeps no outbox");
        return (NotificationOutbox) store();
    }

    private static Notification note(Notification.Kind kind, ApprovalRequest r, String eventId) {
        return new Notification(kind, r, Set.of("bob", "carol"), kind + " " + r.id(), eventId);
    }

    private static List<String> eventIds(List<OutboxEntry> entries) {
        return entries.stream().map(e -> e.notification().eventId()).toList();
    }

    @Test
    default void outbox_insertAndUpdate_writeTheirNotifications_dueInWrittenOrder() {
        NotificationOutbox outbox = outbox();
        ApprovalRequest r = request("r1", "app-1", 0);
        ApprovalRequest stored =
                outbox.insert(r, event("r1", "SUBMITTED"), List.of(note(Notification.Kind.SUBMITTED, r, "e-1")));
        ApprovalRequest approved = stored.toBuilder()
                .status(Status.APPROVED)
                .updatedAt(T0.plusSeconds(5))
                .build();
        outbox.update(
                approved,
                Status.NEEDS_APPROVAL,
                1,
                event("r1", "APPROVED"),
                List.of(note(Notification.Kind.APPROVED, approved, "e-2")));

        List<OutboxEntry> due = outbox.due(LATER, 10);
        assertThat(eventIds(due)).containsExactly("e-1", "e-2");
        Notification first = due.get(0).notification();
        assertThat(first.kind()).isEqualTo(Notification.Kind.SUBMITTED);
        assertThat(first.recipients()).containsExactlyInAnyOrder("bob", "carol");
        assertThat(first.text()).isEqualTo("SUBMITTED r1");
        assertThat(first.request().resource()).isEqualTo(r.resource());
        assertThat(due.get(1).notification().request().status()).isEqualTo(Status.APPROVED);
        assertThat(due.get(0).attempts()).isZero();
        assertThat(outbox.pending()).isEqualTo(2);
    }

    @Test
    default void outbox_aTransitionThatLoses_writesNoNotification() {
        NotificationOutbox outbox = outbox();
        ApprovalRequest r = store().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        ApprovalRequest approved = r.toBuilder().status(Status.APPROVED).build();

        assertThatThrownBy(() -> outbox.update(
                        approved,
                        Status.NEEDS_APPROVAL,
                        7,
                        event("r1", "APPROVED"),
                        List.of(note(Notification.Kind.APPROVED, approved, "e-lost"))))
                .isInstanceOf(ConcurrentUpdateException.class);
        ApprovalRequest twin = request("r2", "app-1", 1);
        assertThatThrownBy(() -> outbox.insert(
                        twin, event("r2", "SUBMITTED"), List.of(note(Notification.Kind.SUBMITTED, twin, "e-twin"))))
                .isInstanceOf(RequestAlreadyPendingException.class);

        assertThat(outbox.due(LATER, 10)).isEmpty();
        assertThat(outbox.pending()).isZero();
    }

    @Test
    default void outbox_retryLater_hidesTheEntryUntilDue_andKeepsWhatWasDelivered() {
        NotificationOutbox outbox = outbox();
        ApprovalRequest r = request("r1", "app-1", 0);
        outbox.insert(r, event("r1", "SUBMITTED"), List.of(note(Notification.Kind.SUBMITTED, r, "e-1")));
        Instant next = T0.plusSeconds(3600);

        outbox.retryLater("e-1", 2, next, Set.of("email"));

        assertThat(outbox.due(next.minusSeconds(1), 10)).isEmpty();
        List<OutboxEntry> due = outbox.due(next, 10);
        assertThat(due).hasSize(1);
        assertThat(due.get(0).attempts()).isEqualTo(2);
        assertThat(due.get(0).deliveredChannels()).containsExactly("email");
        assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    default void outbox_deliveredAndGivenUpEntries_areNeverDueAgain() {
        NotificationOutbox outbox = outbox();
        ApprovalRequest r = request("r1", "app-1", 0);
        outbox.insert(
                r,
                event("r1", "SUBMITTED"),
                List.of(note(Notification.Kind.SUBMITTED, r, "e-1"), note(Notification.Kind.EMERGENCY, r, "e-2")));

        outbox.delivered("e-1");
        outbox.gaveUp("e-2", 5, Set.of());

        assertThat(outbox.due(LATER, 10)).isEmpty();
        assertThat(outbox.pending()).isZero();
    }
}
