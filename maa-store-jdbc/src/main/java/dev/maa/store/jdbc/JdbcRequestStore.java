package dev.maa.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.ChatMessages;
import dev.maa.api.ClaimingStore;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.Notification;
import dev.maa.api.NotificationOutbox;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.RequestNotFoundException;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;
import dev.maa.api.StoreFailureException;
import dev.maa.core.audit.AuditChain;
import dev.maa.store.jdbc.internal.AuditRows;
import dev.maa.store.jdbc.internal.ChatMessageRows;
import dev.maa.store.jdbc.internal.Claims;
import dev.maa.store.jdbc.internal.Db;
import dev.maa.store.jdbc.internal.DueRows;
import dev.maa.store.jdbc.internal.OutboxRows;
import dev.maa.store.jdbc.internal.RequestListQuery;
import dev.maa.store.jdbc.internal.RequestRows;
import dev.maa.store.jdbc.internal.RequestWrites;
import dev.maa.store.jdbc.internal.Retention;
import dev.maa.store.jdbc.internal.SqlErrors;
import dev.maa.store.jdbc.internal.StoreJobs;
import dev.maa.store.jdbc.internal.TransitionLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link RequestStore} on H2 or PostgreSQL. Every write is one transaction together with its audit entry;
 * races between threads, processes and nodes are decided by the database (unique index, conditional
 * updates, row locks), never by a check in Java first. An unreachable database fails closed with
 * {@link dev.maa.api.StoreUnavailableException}.
 *
 * <p>It is a {@link ClaimingStore}: executors of any number of nodes claim work from it with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and share cluster-wide job leases (see {@code docs/cluster.md}).
 *
 * <p>It is a {@link NotificationOutbox}: a transition's notifications are written by the same statement
 * (PostgreSQL) or logged transaction (H2 file) as the transition ({@code maa_outbox}, see {@code docs/notifications.md}).
 *
 * <p>Create with {@link JdbcStores}; {@link #close()} closes the connection pool.
 */
public final class JdbcRequestStore
        implements RequestStore, ClaimingStore, NotificationOutbox, ChatMessages, AutoCloseable {

    /** The job-lease name of the retention purge: one store of the cluster purges at a time. */
    public static final String PURGE_JOB = "maa.retention-purge";

    private static final System.Logger LOG = System.getLogger(JdbcRequestStore.class.getName());
    private static final String OPEN_INDEX = "ux_maa_request_open";
    private static final int MAX_BATCH = 1_000;

    /** The clock skew beyond which a store warns: leases are seconds long, expiry is hours. */
    public static final Duration CLOCK_SKEW_BOUND = Duration.ofSeconds(2);

    private final JdbcStoreSettings settings;
    private final HikariDataSource pool;
    private final Db db;
    private final RequestWrites writes;
    private final JdbcAuditLog auditLog;
    private final Runnable stopSealing;
    private final Runnable stopPurging;
    private final Runnable stopClockChecks;
    private final Runnable stopCheckpoints;
    /**
     * For an H2 file opened privately, a connection outside the pool that keeps H2's database open while the pool has
     * none for a moment (HikariCP retires connections after their lifetime and evicts broken ones): H2 closes a
     * database with its last connection, and the next one would open the file as a new database, which the
     * transition log must refuse for good (it cannot tell that from H2 reopening the file after a failed write).
     * Closed after the pool, so the database closes with the store as before. Null otherwise.
     */
    private final Connection keepOpen;

    private volatile ClockSkew lastClockSkew;
    /** This store's name in job leases: the process and a random part (several stores may share a process). */
    private final String jobOwner =
            "store of process " + ProcessHandle.current().pid() + " ("
                    + UUID.randomUUID().toString().substring(0, 8) + ")";

    JdbcRequestStore(JdbcStoreSettings settings, HikariDataSource pool, Db db, Connection keepOpen) {
        this.settings = settings;
        this.pool = pool;
        this.db = db;
        this.keepOpen = keepOpen;
        this.writes = new RequestWrites(db);
        this.auditLog = new JdbcAuditLog(db);
        if (auditLog.keyLegacyChain()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The audit chain of " + settings.redactedUrl() + " was written "
                            + "without an audit key: it is keyed from now on (key "
                            + db.auditChain().key().id() + "), and requests submitted before "
                            + "are refused at completion (their approvals are not keyed): submit them again");
        }
        this.stopSealing = StoreJobs.scheduleSealing(auditLog::sealAndTidy, settings.auditSealInterval());
        this.stopPurging = StoreJobs.schedulePurge(this::purgeIfLeaseHolder, settings.purgeInterval());
        this.stopClockChecks = StoreJobs.scheduleClockChecks(this::checkClock);
        this.stopCheckpoints = db.transitionLog().isPresent()
                ? StoreJobs.scheduleLogCheckpoints(db::checkpointLog, settings.logCheckpointInterval())
                : () -> {};
    }

    /** The H2 file's transition log, if this store has one (an H2 file it opened privately): for tests. */
    Optional<TransitionLog> transitionLog() {
        return db.transitionLog();
    }

    /** How many group flushes ({@code CHECKPOINT SYNC}) the H2 file ran: for tests. */
    long groupFlushes() {
        return db.flushes();
    }

    /** How this store reaches its database: what the other tables of MAA in it ({@link JdbcPolicyRevisionStore}) share. */
    Db db() {
        return db;
    }

    /** The keyed audit chain this store writes and checks. */
    AuditChain auditChain() {
        return db.auditChain();
    }

    @Override
    public ApprovalRequest insert(ApprovalRequest request, AuditEvent event) {
        return insert(request, event, List.of());
    }

    @Override
    public ApprovalRequest insert(ApprovalRequest request, AuditEvent event, List<Notification> notifications) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(notifications, "notifications");
        ApprovalRequest stored = RequestRows.normalize(request, 1);
        String key = stored.resource().key();
        // a conflict names the open request; if it closed in the meantime, the slot is free: try again
        for (int attempt = 1; ; attempt++) {
            try {
                writes.insert(stored, event, notifications);
                return stored;
            } catch (StoreFailureException f) {
                if (!SqlErrors.isUniqueViolation(f, null)) {
                    throw f;
                }
                if (!SqlErrors.isUniqueViolation(f, OPEN_INDEX)
                        && find(stored.id()).isPresent()) {
                    throw new IllegalArgumentException(
                            "Request id " + stored.id() + " already exists; ids must be unique", f);
                }
                Optional<ApprovalRequest> open = findOpen(key);
                if (open.isPresent()) {
                    throw new RequestAlreadyPendingException(
                            key, open.get().id(), open.get().status());
                }
                if (attempt >= 3) {
                    throw f;
                }
            }
        }
    }

    @Override
    public ApprovalRequest update(
            ApprovalRequest updated, Status expectedStatus, long expectedVersion, AuditEvent event) {
        return write(updated, expectedStatus, expectedVersion, event, true, List.of());
    }

    @Override
    public ApprovalRequest update(
            ApprovalRequest updated,
            Status expectedStatus,
            long expectedVersion,
            AuditEvent event,
            List<Notification> notifications) {
        return write(updated, expectedStatus, expectedVersion, event, true, notifications);
    }

    /**
     * An update that, unless {@link JdbcStoreSettings#durableOutcomes()}, does not wait for the disk: PostgreSQL's
     * WAL flush, the H2 file's log force (the next write's force, or the log's checkpoint within a second, covers it).
     */
    @Override
    public ApprovalRequest recordOutcome(ApprovalRequest done, long expectedVersion, AuditEvent event) {
        return recordOutcome(done, expectedVersion, event, List.of());
    }

    /** {@link #recordOutcome(ApprovalRequest, long, AuditEvent)} with its outbox rows, as durable as the outcome. */
    @Override
    public ApprovalRequest recordOutcome(
            ApprovalRequest done, long expectedVersion, AuditEvent event, List<Notification> notifications) {
        RequestStore.requireOutcome(done);
        return write(done, Status.COMPLETING, expectedVersion, event, settings.durableOutcomes(), notifications);
    }

    private ApprovalRequest write(
            ApprovalRequest updated,
            Status expectedStatus,
            long expectedVersion,
            AuditEvent event,
            boolean durable,
            List<Notification> notifications) {
        Objects.requireNonNull(expectedStatus, "expectedStatus");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(notifications, "notifications");
        ApprovalRequest stored = RequestRows.normalize(updated, expectedVersion + 1);
        try {
            Optional<ApprovalRequest> written =
                    writes.update(stored, expectedStatus, expectedVersion, event, durable, notifications);
            if (written.isEmpty()) {
                if (find(stored.id()).isEmpty()) {
                    throw new RequestNotFoundException(stored.id());
                }
                throw new ConcurrentUpdateException(stored.id(), expectedStatus, expectedVersion);
            }
            return written.get();
        } catch (StoreFailureException f) {
            if (SqlErrors.isUniqueViolation(f, OPEN_INDEX)) {
                ApprovalRequest open = findOpen(stored.resource().key()).orElseThrow(() -> f);
                throw new RequestAlreadyPendingException(stored.resource().key(), open.id(), open.status());
            }
            throw f;
        }
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        Objects.requireNonNull(id, "id");
        return db.read("find request " + id, c -> RequestRows.findById(c, id, false));
    }

    @Override
    public Optional<ApprovalRequest> findOpen(String resourceKey) {
        Objects.requireNonNull(resourceKey, "resourceKey");
        return db.read("find open request for " + resourceKey, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RequestRows.COLUMNS
                    + " FROM maa_request r WHERE " + db.dialect().openKeyPredicate())) {
                ps.setString(1, resourceKey);
                List<ApprovalRequest> found = RequestRows.list(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<ApprovalRequest> list(RequestQuery query) {
        Objects.requireNonNull(query, "query");
        return db.read("list requests", c -> RequestListQuery.run(c, query));
    }

    /** From the index range of what is due ({@code maa_request_due}), never a walk of the open requests. */
    @Override
    public List<ApprovalRequest> remindersDue(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        return db.read("list requests with a reminder due", c -> DueRows.due(c, now, limit));
    }

    @Override
    public JdbcAuditLog auditLog() {
        return auditLog;
    }

    /**
     * Claims up to {@code limit} requests in status COMPLETING that no executor has claimed yet, for
     * {@code owner} until {@code now + lease}: each gets version + 1 and a {@code CLAIMED} audit entry, in one
     * transaction. Concurrent claimers on any node receive disjoint requests. A request whose claim expired is
     * not claimed again (its execution may have happened; see {@link #expiredClaims}).
     */
    @Override
    public List<ApprovalRequest> claimReady(String owner, Duration lease, int limit, Instant now) {
        requireText(owner, "owner");
        requirePositive(lease, "lease");
        requireBatch(limit);
        Objects.requireNonNull(now, "now");
        return db.inLoggedTransaction(
                "claim requests for " + owner,
                true,
                c -> Claims.claimReady(c, db.auditChain(), owner, now.plus(lease), limit, now));
    }

    /** Requests still COMPLETING whose executor's claim ran out before {@code now}: the outcome is unknown. */
    @Override
    public List<ApprovalRequest> expiredClaims(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        requireBatch(limit);
        return db.read("find expired claims", c -> Claims.expiredClaims(c, now, limit));
    }

    /**
     * Takes or renews the cluster-wide lease on {@code job} for {@code owner} until {@code now + lease}.
     *
     * @return whether {@code owner} holds the lease now; false while another owner's lease is live
     */
    @Override
    public boolean tryAcquireJobLock(String job, String owner, Duration lease, Instant now) {
        requireText(job, "job");
        requireText(owner, "owner");
        requirePositive(lease, "lease");
        Objects.requireNonNull(now, "now");
        Instant until = now.plus(lease);
        try {
            return db.inTransaction("acquire job lock " + job, c -> {
                if (Claims.renewJobLock(c, job, owner, until, now)) {
                    return true;
                }
                if (Claims.jobExists(c, job)) {
                    return false;
                }
                Claims.insertJobLock(c, job, owner, until);
                return true;
            });
        } catch (StoreFailureException f) {
            if (SqlErrors.isUniqueViolation(f, null)) {
                return false; // another node created the lease first
            }
            throw f;
        }
    }

    /** From {@code maa_chat_message}: the card a chat channel posted for the request, kept across restarts and nodes. */
    @Override
    public Posted find(String requestId, String channel) {
        requireText(requestId, "requestId");
        requireText(channel, "channel");
        return db.read("read the chat card of request " + requestId, c -> ChatMessageRows.find(c, requestId, channel));
    }

    @Override
    public void record(String requestId, String channel, Posted posted) {
        requireText(requestId, "requestId");
        requireText(channel, "channel");
        Objects.requireNonNull(posted, "posted");
        try {
            db.inTransaction("record the chat card of request " + requestId, c -> {
                ChatMessageRows.record(c, requestId, channel, posted);
                return null;
            });
        } catch (StoreFailureException f) {
            if (!SqlErrors.isUniqueViolation(f, null)) {
                throw f;
            }
            // another node recorded this card first; the next update moves it forward
        }
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        requireBatch(limit);
        return db.read("read the notification outbox", c -> OutboxRows.due(c, now, limit));
    }

    /** Deletes the entry; not flushed: a crash that loses this delivers it again (at least once). */
    @Override
    public void delivered(String eventId) {
        db.inTransactionUnflushed("mark notification " + eventId + " delivered", c -> {
            OutboxRows.delete(c, eventId);
            return null;
        });
    }

    @Override
    public void retryLater(String eventId, int attempts, Instant nextAttempt, Set<String> deliveredChannels) {
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        db.inTransactionUnflushed("reschedule notification " + eventId, c -> {
            OutboxRows.attempted(c, eventId, attempts, nextAttempt, deliveredChannels, false);
            return null;
        });
    }

    @Override
    public void gaveUp(String eventId, int attempts, Set<String> deliveredChannels) {
        db.inTransaction("give up notification " + eventId, c -> {
            OutboxRows.attempted(c, eventId, attempts, null, deliveredChannels, true);
            return null;
        });
    }

    @Override
    public long pending() {
        return db.read("count the notification outbox", OutboxRows::pending);
    }

    /** Gives up {@code owner}'s lease on {@code job}; false if it did not hold it. */
    @Override
    public boolean releaseJobLock(String job, String owner) {
        return db.inTransaction("release job lock " + job, c -> Claims.releaseJobLock(c, job, owner));
    }

    /**
     * Deletes audit entries older than {@link JdbcStoreSettings#auditRetention()} and requests that reached a
     * final status longer than {@link JdbcStoreSettings#requestRetention()} ago. The audit log stays
     * verifiable: the last purged entry becomes an anchor that {@link JdbcAuditLog#verify()} starts from.
     *
     * @throws IllegalStateException if the entries to purge do not verify (nothing is deleted then)
     */
    public PurgeResult purge(Instant now) {
        return purge(now, Retention.AUDIT_BATCH, Retention.REQUEST_BATCH);
    }

    /**
     * {@link #purge(Instant)} a batch per transaction: a first purge of years of history holds neither the audit
     * chain's head lock nor the requests' rows for long.
     */
    PurgeResult purge(Instant now, int auditBatch, int requestBatch) {
        Objects.requireNonNull(now, "now");
        auditLog.seal();
        Instant auditCutoff = now.minus(settings.auditRetention());
        long audit = inBatches(
                "purge audit log",
                auditBatch,
                c -> Retention.purgeAudit(c, db.auditChain(), auditCutoff, now, auditBatch));
        Instant requestCutoff = now.minus(settings.requestRetention());
        long requests = inBatches(
                "purge closed requests", requestBatch, c -> Retention.purgeRequests(c, requestCutoff, requestBatch));
        if (requests > 0) {
            db.checkpointLog(); // no replay after a crash brings a purged request back
        }
        long anchor = db.read("read audit anchor", c -> AuditRows.anchor(c).seq());
        return new PurgeResult(requests, audit, anchor);
    }

    /** Runs {@code batch} in a transaction of its own until it does fewer than {@code size}; returns the sum. */
    private long inBatches(String what, int size, Db.Work<Long> batch) {
        long total = 0;
        long done;
        do {
            done = db.inTransaction(what, batch);
            total += done;
        } while (done == size);
        return total;
    }

    /**
     * The background purge: runs {@link #purge} if this store holds (or takes) the cluster-wide lease
     * {@value #PURGE_JOB}, three purge intervals long and renewed on every run, so one store of the cluster purges
     * and another takes over when it stops. Returns empty when another store holds the lease.
     */
    Optional<PurgeResult> purgeIfLeaseHolder() {
        Instant now = Instant.now();
        if (!tryAcquireJobLock(PURGE_JOB, jobOwner, settings.purgeInterval().multipliedBy(3), now)) {
            return Optional.empty();
        }
        PurgeResult result = purge(now);
        if (result.requestsDeleted() + result.auditEntriesDeleted() > 0) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "Retention purge: deleted " + result.requestsDeleted()
                            + " closed request(s) and " + result.auditEntriesDeleted()
                            + " audit entries; the audit chain"
                            + " now starts after entry " + result.anchorSeq());
        }
        return Optional.of(result);
    }

    /** Measures {@link #checkClock(Clock, Duration)} against this JVM's clock and the default bound. */
    public ClockSkew checkClock() {
        return checkClock(Clock.systemUTC(), CLOCK_SKEW_BOUND);
    }

    /**
     * Compares {@code clock} with the database's ({@code CURRENT_TIMESTAMP}, PostgreSQL's {@code now()}) at the
     * midpoint of one round trip, keeps the result for {@link #lastClockSkew()}, and logs a warning when the skew
     * is beyond {@code bound}. A store does this when it opens and every minute.
     */
    ClockSkew checkClock(Clock clock, Duration bound) {
        ClockSkew measured = db.read("read the database clock", c -> {
            try (Statement s = c.createStatement()) {
                Instant before = clock.instant();
                try (ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
                    rs.next();
                    Instant database = rs.getObject(1, OffsetDateTime.class).toInstant();
                    Instant after = clock.instant();
                    Instant midpoint =
                            before.plus(Duration.between(before, after).dividedBy(2));
                    return new ClockSkew(Duration.between(midpoint, database), bound);
                }
            }
        });
        lastClockSkew = measured;
        if (measured.beyondBound()) {
            LOG.log(System.Logger.Level.WARNING, measured.describe() + " Store " + settings.redactedUrl() + ".");
        }
        return measured;
    }

    /** The latest clock comparison (on open and every minute); empty until one succeeded. */
    public Optional<ClockSkew> lastClockSkew() {
        return Optional.ofNullable(lastClockSkew);
    }

    public JdbcStoreSettings settings() {
        return settings;
    }

    /** The pooled data source, for operations tooling and tests; MAA's tables are prefixed {@code maa_}. */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Closes the store in order: stops its background jobs (waiting for a run in progress), seals the audit
     * events staged so far, checkpoints and deletes the H2 file's transition log, then closes the connection pool (which closes an H2 file, or drops an in-memory H2
     * database).
     */
    @Override
    public synchronized void close() {
        if (pool.isClosed()) {
            return;
        }
        stopSealing.run();
        stopPurging.run();
        stopClockChecks.run();
        stopCheckpoints.run();
        try {
            auditLog.seal();
        } catch (RuntimeException e) {
            // the database is gone; what is staged stays committed and the next store to open seals it
        }
        try {
            db.closeLog();
        } catch (RuntimeException e) {
            // H2 could not write its file: the transition log stays, and the next open replays it
        }
        if (settings.shutdownOnClose()) {
            try (var c = pool.getConnection();
                    var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        pool.close();
        JdbcStores.closeQuietly(keepOpen);
    }

    @Override
    public String toString() {
        return "JdbcRequestStore[" + settings.redactedUrl() + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }

    private static void requireBatch(int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_BATCH + ", was " + limit);
        }
    }
}
