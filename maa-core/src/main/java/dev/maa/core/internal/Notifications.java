package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.Directory;
import dev.maa.api.Factor;
import dev.maa.api.Identities;
import dev.maa.api.Notification;
import dev.maa.api.NotificationOutbox;
import dev.maa.api.Notifier;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a transition's notifications and hands them over: planned before the store write ({@link #plan}), written
 * with it where the store keeps a {@link NotificationOutbox} and the notifier reads it ({@link #insert},
 * {@link #update}, {@link #recordOutcome}), then given to the notifier once committed ({@link #committed}). A
 * notifier that throws is logged and otherwise ignored.
 *
 * <p>Why plan first: only what exists before the commit can commit with it; a notification made after the commit
 * is lost if the process dies in between (issue 21). {@link #toApprovers} and {@link #toRequester} called outside
 * {@link #plan} still send at once, after the caller's commit, as before.
 */
public final class Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final Notifier notifier;
    private final Directory directory;
    private final RequestStore store;
    private final ThreadLocal<List<Notification>> planning = new ThreadLocal<>();

    public Notifications(Notifier notifier, Directory directory, RequestStore store) {
        this.notifier = notifier;
        this.directory = directory;
        this.store = store;
    }

    /**
     * To the current members of the request's approver groups (and {@code extraGroups}), never the requester; while
     * it needs approval, only those of its open stage (a later stage's approvers hear of it when their stage opens).
     */
    public void toApprovers(Notification.Kind kind, ApprovalRequest r, Set<String> extraGroups, String text) {
        Set<String> groups = new TreeSet<>(extraGroups);
        int stage = r.status() == Status.NEEDS_APPROVAL ? Quorum.currentStage(r.factors(), r.reviews()) : 0;
        for (Factor f : r.factors()) {
            if (stage == 0 || stage == Quorum.ALL_MET || f.stage() == stage) {
                groups.addAll(f.approverGroups());
            }
        }
        sendTo(kind, r, groups, Set.of(), text);
    }

    /**
     * To the current members of the approver groups of {@code r}'s factors that {@code which} picks, never the
     * requester nor those who reviewed already ({@code reviewed}): one policy's reminder or escalation reaches that
     * policy's approvers alone.
     */
    public void toFactorApprovers(
            Notification.Kind kind, ApprovalRequest r, Predicate<Factor> which, Set<String> reviewed, String text) {
        Set<String> groups = new TreeSet<>();
        r.factors().stream().filter(which).forEach(f -> groups.addAll(f.approverGroups()));
        sendTo(kind, r, groups, reviewed, text);
    }

    private void sendTo(
            Notification.Kind kind, ApprovalRequest r, Set<String> groups, Set<String> reviewed, String text) {
        Set<String> recipients = new TreeSet<>();
        try {
            groups.forEach(g -> recipients.addAll(directory.membersOf(g)));
        } catch (RuntimeException e) {
            LOG.warn("Could not read approver group members for request {}: {}", r.id(), e.toString());
        }
        recipients.removeIf(id -> r.isRequester(id) || reviewed.stream().anyMatch(rv -> Identities.same(rv, id)));
        send(new Notification(kind, r, recipients, text));
    }

    public void toRequester(Notification.Kind kind, ApprovalRequest r, String text) {
        send(new Notification(kind, r, Set.of(r.requester().id()), text));
    }

    /**
     * The notifications {@code sends} makes (through {@link #toApprovers} and {@link #toRequester}), collected on
     * this thread instead of sent; none if {@code sends} is null.
     */
    public List<Notification> plan(Runnable sends) {
        if (sends == null) {
            return List.of();
        }
        List<Notification> outer = planning.get();
        List<Notification> planned = new ArrayList<>();
        planning.set(planned);
        try {
            sends.run();
        } finally {
            if (outer == null) {
                planning.remove();
            } else {
                planning.set(outer);
            }
        }
        return List.copyOf(planned);
    }

    /** Gives {@code planned} to the notifier, once their transition committed. */
    public void committed(List<Notification> planned) {
        planned.forEach(this::deliver);
    }

    /** {@link RequestStore#insert}, with {@code planned} in the outbox if there is one. */
    public ApprovalRequest insert(ApprovalRequest r, AuditEvent event, List<Notification> planned) {
        NotificationOutbox outbox = outbox(planned);
        return outbox != null ? outbox.insert(r, event, planned) : store.insert(r, event);
    }

    /** {@link RequestStore#update}, with {@code planned} in the outbox if there is one. */
    public ApprovalRequest update(
            ApprovalRequest r,
            Status expectedStatus,
            long expectedVersion,
            AuditEvent event,
            List<Notification> planned) {
        NotificationOutbox outbox = outbox(planned);
        return outbox != null
                ? outbox.update(r, expectedStatus, expectedVersion, event, planned)
                : store.update(r, expectedStatus, expectedVersion, event);
    }

    /** {@link RequestStore#recordOutcome}, with {@code planned} in the outbox if there is one. */
    public ApprovalRequest recordOutcome(
            ApprovalRequest done, long expectedVersion, AuditEvent event, List<Notification> planned) {
        NotificationOutbox outbox = outbox(planned);
        return outbox != null
                ? outbox.recordOutcome(done, expectedVersion, event, planned)
                : store.recordOutcome(done, expectedVersion, event);
    }

    private NotificationOutbox outbox(List<Notification> planned) {
        return !planned.isEmpty() && notifier.readsOutbox() && store instanceof NotificationOutbox o ? o : null;
    }

    private void send(Notification n) {
        if (n.recipients().isEmpty()) {
            return;
        }
        List<Notification> planned = planning.get();
        if (planned != null) {
            planned.add(n);
        } else {
            deliver(n);
        }
    }

    private void deliver(Notification n) {
        try {
            notifier.notify(n);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            LOG.warn(
                    "Notifier failed for {} of request {} (the transition stands): {}",
                    n.kind(),
                    n.request().id(),
                    e.toString());
        }
    }
}
