package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Directory;
import dev.maa.api.Factor;
import dev.maa.api.Identities;
import dev.maa.api.Notification;
import dev.maa.api.Notifier;
import dev.maa.api.Status;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends notifications after commit; a notifier that throws is logged and otherwise ignored. */
public final class Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final Notifier notifier;
    private final Directory directory;

    public Notifications(Notifier notifier, Directory directory) {
        this.notifier = notifier;
        this.directory = directory;
    }

    /**
     * To the current members of the request's approver groups (and {@code extraGroups}), never the requester; while
     * it needs approval, only those of its open stage (a later stage's approvers hear of it when their stage opens).
     */
    public void toApprovers(Notification.Kind kind, ApprovalRequest r, Set<String> extraGroups, String text) {
        send(kind, r, extraGroups, Set.of(), text);
    }

    /** As {@link #toApprovers}, without the approvers who reviewed already ({@code reviewed}, compared canonically). */
    public void toWaitingApprovers(Notification.Kind kind, ApprovalRequest r, Set<String> reviewed, String text) {
        send(kind, r, Set.of(), reviewed, text);
    }

    private void send(
            Notification.Kind kind, ApprovalRequest r, Set<String> extraGroups, Set<String> reviewed, String text) {
        Set<String> groups = new TreeSet<>(extraGroups);
        int stage = r.status() == Status.NEEDS_APPROVAL ? Quorum.currentStage(r.factors(), r.reviews()) : 0;
        for (Factor f : r.factors()) {
            if (stage == 0 || stage == Quorum.ALL_MET || f.stage() == stage) {
                groups.addAll(f.approverGroups());
            }
        }
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

    private void send(Notification n) {
        if (n.recipients().isEmpty()) {
            return;
        }
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
