package dev.maa.core.store;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditLog;
import dev.maa.api.AuditVerification;
import dev.maa.api.ChatMessages;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.Notification;
import dev.maa.api.NotificationOutbox;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.RequestNotFoundException;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;
import dev.maa.core.DueReminders;
import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.AuditKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A thread-safe {@link RequestStore} in memory, with its hash-chained {@link AuditLog}; the engine's default
 * and the reference implementation of the store contract.
 *
 * <p>One lock guards requests, the open-request index and the audit log, so "check one open request per
 * object, write, append audit entry" and "compare status and version, write, append" are each atomic, as
 * a database transaction would make them. Nothing survives the JVM: use {@code maa-store-jdbc} for that.
 *
 * <p>Its {@link NotificationOutbox} lives under the same lock, so a transition and its notifications are written
 * together here too, and the outbox delivery worker runs the same way on every store.
 */
public final class InMemoryRequestStore implements RequestStore, NotificationOutbox, ChatMessages {

    private final Object lock = new Object();
    private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
    /** The chat cards posted per request and channel ({@link ChatMessages}). */
    private final ChatMessages chatCards = new InMemoryChatMessages(Integer.MAX_VALUE);

    private final Map<String, String> openByKey = new HashMap<>();
    private final List<AuditEntry> entries = new ArrayList<>();
    /** Each request's entries, so that the executor's read of a request's trail does not scan the whole log. */
    private final Map<String, List<AuditEntry>> byRequest = new HashMap<>();

    private final Map<String, Outboxed> outbox = new LinkedHashMap<>();

    /** The next reminder or escalation of each request that has one due, earliest first ({@link #remindersDue}). */
    private final NavigableSet<Due> due = new TreeSet<>();

    private final Map<String, Due> dueById = new HashMap<>();

    private record Due(Instant at, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private final Log log = new Log();
    private final AuditChain chain;
    /** The head of the chain, kept apart from the entries so that a truncated tail is detected. */
    private long headSeq;

    private String headHash = AuditChain.GENESIS;

    /** A store whose audit chain is keyed with a random key of its own (nothing outlives it anyway). */
    public InMemoryRequestStore() {
        this(AuditKey.random());
    }

    /** A store whose audit chain is keyed with {@code key}. */
    public InMemoryRequestStore(AuditKey key) {
        this.chain = AuditChain.keyed(key);
    }

    @Override
    public ApprovalRequest insert(ApprovalRequest request, AuditEvent event) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            if (requests.containsKey(request.id())) {
                throw new IllegalArgumentException("A request with id " + request.id() + " already exists");
            }
            String key = request.resource().key();
            if (request.status().isOpen()) {
                String pendingId = openByKey.get(key);
                if (pendingId != null) {
                    throw new RequestAlreadyPendingException(
                            key, pendingId, requests.get(pendingId).status());
                }
                openByKey.put(key, request.id());
            }
            ApprovalRequest stored = request.toBuilder().version(1).build();
            requests.put(stored.id(), stored);
            indexDueLocked(stored);
            appendLocked(event);
            return stored;
        }
    }

    @Override
    public ApprovalRequest update(
            ApprovalRequest updated, Status expectedStatus, long expectedVersion, AuditEvent event) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            ApprovalRequest current = requests.get(updated.id());
            if (current == null) {
                throw new RequestNotFoundException(updated.id());
            }
            if (current.status() != expectedStatus || current.version() != expectedVersion) {
                throw new ConcurrentUpdateException(updated.id(), expectedStatus, expectedVersion);
            }
            String key = current.resource().key();
            if (updated.status().isOpen() && !current.status().isOpen()) {
                throw new IllegalArgumentException("Request " + updated.id() + " is " + current.status()
                        + " (final) and cannot become " + updated.status());
            }
            ApprovalRequest stored = updated.toBuilder()
                    .payload(current.payload())
                    .digest(current.digest())
                    .diff(current.diff())
                    .version(expectedVersion + 1)
                    .build();
            requests.put(stored.id(), stored);
            indexDueLocked(stored);
            if (!stored.status().isOpen()) {
                openByKey.remove(key, stored.id());
            }
            appendLocked(event);
            return stored;
        }
    }

    @Override
    public ApprovalRequest insert(ApprovalRequest request, AuditEvent event, List<Notification> notifications) {
        synchronized (lock) {
            ApprovalRequest stored = insert(request, event);
            enqueueLocked(notifications);
            return stored;
        }
    }

    @Override
    public ApprovalRequest update(
            ApprovalRequest updated,
            Status expectedStatus,
            long expectedVersion,
            AuditEvent event,
            List<Notification> notifications) {
        synchronized (lock) {
            ApprovalRequest stored = update(updated, expectedStatus, expectedVersion, event);
            enqueueLocked(notifications);
            return stored;
        }
    }

    @Override
    public ApprovalRequest recordOutcome(
            ApprovalRequest done, long expectedVersion, AuditEvent event, List<Notification> notifications) {
        RequestStore.requireOutcome(done);
        return update(done, Status.COMPLETING, expectedVersion, event, notifications);
    }

    /** Keeps {@code r}'s entry in the due index: its next reminder or escalation while it needs approval. */
    private void indexDueLocked(ApprovalRequest r) {
        Due old = dueById.remove(r.id());
        if (old != null) {
            due.remove(old);
        }
        Instant at = DueReminders.next(r);
        if (at != null) {
            Due d = new Due(at, r.id());
            due.add(d);
            dueById.put(r.id(), d);
        }
    }

    @Override
    public Posted find(String requestId, String channel) {
        return chatCards.find(requestId, channel);
    }

    @Override
    public void record(String requestId, String channel, Posted posted) {
        chatCards.record(requestId, channel, Objects.requireNonNull(posted, "posted"));
    }

    @Override
    public List<ApprovalRequest> remindersDue(Instant now, int limit) {
        synchronized (lock) {
            List<ApprovalRequest> out = new ArrayList<>();
            for (Due d : due) {
                if (d.at().isAfter(now) || out.size() == limit) {
                    break;
                }
                out.add(requests.get(d.id()));
            }
            return out;
        }
    }

    private void enqueueLocked(List<Notification> notifications) {
        for (Notification n : notifications) {
            outbox.putIfAbsent(n.eventId(), new Outboxed(n, 0, Instant.MIN, Set.of(), false));
        }
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        synchronized (lock) {
            return outbox.values().stream()
                    .filter(o -> !o.done() && !o.next().isAfter(now))
                    .limit(limit)
                    .map(o -> new OutboxEntry(o.notification(), o.attempts(), o.delivered()))
                    .toList();
        }
    }

    @Override
    public void delivered(String eventId) {
        synchronized (lock) {
            outbox.remove(eventId);
        }
    }

    @Override
    public void retryLater(String eventId, int attempts, Instant nextAttempt, Set<String> deliveredChannels) {
        synchronized (lock) {
            outbox.computeIfPresent(
                    eventId, (k, o) -> new Outboxed(o.notification(), attempts, nextAttempt, deliveredChannels, false));
        }
    }

    @Override
    public void gaveUp(String eventId, int attempts, Set<String> deliveredChannels) {
        synchronized (lock) {
            outbox.computeIfPresent(
                    eventId, (k, o) -> new Outboxed(o.notification(), attempts, o.next(), deliveredChannels, true));
        }
    }

    @Override
    public long pending() {
        synchronized (lock) {
            return outbox.values().stream().filter(o -> !o.done()).count();
        }
    }

    /** An outbox entry and its delivery state; {@code done} once given up (delivered ones are removed). */
    private record Outboxed(
            Notification notification, int attempts, Instant next, Set<String> delivered, boolean done) {}

    @Override
    public Optional<ApprovalRequest> find(String id) {
        synchronized (lock) {
            return Optional.ofNullable(requests.get(id));
        }
    }

    @Override
    public Optional<ApprovalRequest> findOpen(String resourceKey) {
        synchronized (lock) {
            return Optional.ofNullable(openByKey.get(resourceKey)).map(requests::get);
        }
    }

    @Override
    public List<ApprovalRequest> list(RequestQuery query) {
        List<ApprovalRequest> matching;
        synchronized (lock) {
            matching = requests.values().stream().filter(query::matches).toList();
        }
        return matching.stream()
                .sorted(Comparator.comparing(ApprovalRequest::createdAt)
                        .thenComparing(ApprovalRequest::id)
                        .reversed())
                .skip(query.offset())
                .limit(query.limit())
                .toList();
    }

    @Override
    public AuditLog auditLog() {
        return log;
    }

    private AuditEntry appendLocked(AuditEvent event) {
        AuditEntry entry = chain.link(headSeq + 1, event, headHash);
        entries.add(entry);
        index(entry);
        headSeq = entry.seq();
        headHash = entry.hash();
        return entry;
    }

    private void index(AuditEntry entry) {
        if (!entry.event().requestId().isEmpty()) {
            byRequest
                    .computeIfAbsent(entry.event().requestId(), k -> new ArrayList<>())
                    .add(entry);
        }
    }

    /** After tampering: the per-request index again from the entries. */
    private void reindex() {
        byRequest.clear();
        entries.forEach(this::index);
    }

    /**
     * Direct access to the stored data, bypassing every rule, so that tests can prove tampering is detected
     * (an edited payload refused at completion, an edited or deleted audit entry reported by verify). Never
     * use it in production code: it exists because an in-memory store has no SQL console to tamper through.
     */
    public Tampering tampering() {
        return new Tampering();
    }

    /** See {@link #tampering()}. */
    public final class Tampering {
        private Tampering() {}

        /** Replaces a request's stored payload, keeping its digest. */
        public void replacePayload(String requestId, String payload) {
            synchronized (lock) {
                ApprovalRequest r = requests.get(requestId);
                requests.put(requestId, r.toBuilder().payload(payload).build());
            }
        }

        /** Replaces a stored request wholesale (no version check, no audit entry). */
        public void replaceRequest(ApprovalRequest request) {
            synchronized (lock) {
                requests.put(request.id(), request);
            }
        }

        /** Changes the detail of the audit entry at {@code seq}, keeping its hashes. */
        public void editAuditDetail(long seq, String detail) {
            synchronized (lock) {
                for (int i = 0; i < entries.size(); i++) {
                    AuditEntry e = entries.get(i);
                    if (e.seq() == seq) {
                        AuditEvent ev = e.event();
                        entries.set(
                                i,
                                new AuditEntry(
                                        seq,
                                        new AuditEvent(ev.at(), ev.requestId(), ev.actor(), ev.type(), detail),
                                        e.prevHash(),
                                        e.hash()));
                    }
                }
                reindex();
            }
        }

        /** Replaces the whole audit trail (and its head) with {@code rewritten}, as a database writer could. */
        public void rewriteAudit(List<AuditEntry> rewritten) {
            synchronized (lock) {
                entries.clear();
                entries.addAll(rewritten);
                reindex();
                AuditEntry last = rewritten.isEmpty() ? null : rewritten.get(rewritten.size() - 1);
                headSeq = last == null ? 0 : last.seq();
                headHash = last == null ? AuditChain.GENESIS : last.hash();
            }
        }

        /** Removes the audit entry at {@code seq}. */
        public void deleteAuditEntry(long seq) {
            synchronized (lock) {
                entries.removeIf(e -> e.seq() == seq);
                reindex();
            }
        }
    }

    private final class Log implements AuditLog {
        @Override
        public AuditEntry append(AuditEvent event) {
            Objects.requireNonNull(event, "event");
            synchronized (lock) {
                return appendLocked(event);
            }
        }

        @Override
        public boolean authentic(AuditEntry entry) {
            return chain.authentic(entry);
        }

        @Override
        public List<AuditEntry> read(long afterSeq, int limit) {
            synchronized (lock) {
                return entries.stream()
                        .filter(e -> e.seq() > afterSeq)
                        .limit(limit)
                        .toList();
            }
        }

        @Override
        public List<AuditEntry> forRequest(String requestId) {
            synchronized (lock) {
                return List.copyOf(byRequest.getOrDefault(requestId, List.of()));
            }
        }

        @Override
        public AuditVerification verify() {
            List<AuditEntry> snapshot;
            long head;
            String hash;
            synchronized (lock) {
                snapshot = List.copyOf(entries);
                head = headSeq;
                hash = headHash;
            }
            AuditVerification v = chain.verify(snapshot);
            AuditEntry last = snapshot.isEmpty() ? null : snapshot.get(snapshot.size() - 1);
            long lastSeq = last == null ? 0 : last.seq();
            if (lastSeq == head && (last == null || last.hash().equals(hash))) {
                return v;
            }
            List<String> problems = new ArrayList<>(v.problems());
            problems.add(
                    lastSeq < head
                            ? "seq " + (lastSeq + 1) + (lastSeq + 1 == head ? "" : ".." + head)
                                    + " missing at the end: the newest entries were deleted (the head is seq " + head
                                    + ")"
                            : "seq " + lastSeq + ": the newest entry is not the recorded head (seq " + head + ")");
            return new AuditVerification(v.entriesChecked(), problems);
        }
    }
}
