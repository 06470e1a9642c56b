package dev.maa.store.jdbc;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditLog;
import dev.maa.api.AuditVerification;
import dev.maa.core.audit.AuditJsonLines;
import dev.maa.store.jdbc.internal.AuditRows;
import dev.maa.store.jdbc.internal.AuditVerifier;
import dev.maa.store.jdbc.internal.Db;
import dev.maa.store.jdbc.internal.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit log of a {@link JdbcRequestStore}, in table {@code maa_audit}. Transitions stage their events through
 * the store in the transaction of the change they record; {@link #seal} chains staged events (the store does so in
 * the background, and every read here seals first, so readers always see every committed event chained);
 * {@link #append} is for events without a transition.
 */
public final class JdbcAuditLog implements AuditLog {

    /** The largest page {@link #read} returns. */
    public static final int MAX_READ = 10_000;

    private static final int EXPORT_PAGE = 1_000;

    /** Events sealed between two vacuums of the staging table by the background sealer (PostgreSQL). */
    static final long VACUUM_STAGING_EVERY = 20_000;

    private final Db db;
    private final long vacuumStagingEvery;
    private final AtomicLong sealedSinceVacuum = new AtomicLong();

    JdbcAuditLog(Db db) {
        this(db, VACUUM_STAGING_EVERY);
    }

    /** With a vacuum after every {@code vacuumStagingEvery} sealed events: for tests. */
    JdbcAuditLog(Db db, long vacuumStagingEvery) {
        this.db = db;
        this.vacuumStagingEvery = vacuumStagingEvery;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        return db.inTransaction(
                "append audit event " + event.type(),
                c -> AuditRows.append(c, db.auditChain(), List.of(event)).get(0));
    }

    /**
     * Chains every committed staged event; returns how many, once the chain is on the disk. One sealer runs at a time
     * across all nodes (the head lock); while another holds it this waits, then finds less or nothing left to do.
     */
    public long seal() {
        return seal(true);
    }

    /**
     * {@link #seal()} that may return before the chain is on the disk, on an H2 file with a transition log (elsewhere
     * the same as {@link #seal()}): for the background sealer and the executor's look at one request's events. What
     * it seals becomes durable with the log's next checkpoint (within a second) or the next durable seal; a crash
     * before that leaves those events staged (H2's file or the log's replay has them) and they are sealed again,
     * perhaps in another order. Every read that shows the chain with its sequence numbers ({@link #read},
     * {@link #verify}, {@link #export}) seals durably first, so nobody outside has seen an order that a crash could
     * change; a per-request history ({@link #forRequest}) shows events whose order within the request never changes.
     */
    long sealLazily() {
        return seal(db.transitionLog().isEmpty());
    }

    private long seal(boolean durable) {
        Db.Work<Integer> work =
                c -> AuditRows.hasStaged(c) ? AuditRows.seal(c, db.auditChain(), AuditRows.SEAL_BATCH) : 0;
        long sealed = 0;
        while (true) {
            int n = durable
                    ? db.inTransaction("seal audit events", work)
                    : db.inTransactionUnflushed("seal audit events", work);
            sealed += n;
            if (n < AuditRows.SEAL_BATCH) {
                return sealed;
            }
        }
    }

    /**
     * What the background sealer runs: {@link #seal()}, and on PostgreSQL a {@code VACUUM} of the staging table
     * after every {@value #VACUUM_STAGING_EVERY} sealed events. Staging is a queue: every event is inserted, then
     * deleted when sealed, and autovacuum visits a database only once a minute; until it does, every look for staged
     * events walks the dead entries of the last minute (measured: 13 times the buffers per look, and the sealer's
     * share of the server's work doubled). The vacuum skips the table when autovacuum is at it, and, like
     * autovacuum, never blocks writers.
     */
    void sealAndTidy() {
        long sealed = sealLazily();
        if (db.dialect() != Dialect.POSTGRESQL || sealedSinceVacuum.addAndGet(sealed) < vacuumStagingEvery) {
            return;
        }
        sealedSinceVacuum.set(0);
        db.inOneStatement("vacuum the audit staging table", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM (SKIP_LOCKED, TRUNCATE false) maa_audit_pending");
            }
            return null;
        });
    }

    /**
     * Keys a chain written before the audit key existed (see {@link AuditRows#keyLegacyChain}); the store does so when
     * it opens. Returns whether this call did it.
     */
    boolean keyLegacyChain() {
        return db.inTransaction(
                "key the audit chain", c -> AuditRows.keyLegacyChain(c, db.auditChain(), java.time.Instant.now()));
    }

    @Override
    public boolean authentic(AuditEntry entry) {
        return db.auditChain().authentic(entry);
    }

    @Override
    public List<AuditEntry> read(long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_READ) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_READ + ", was " + limit);
        }
        seal();
        return db.read("read audit log", c -> AuditRows.read(c, afterSeq, Long.MAX_VALUE, limit));
    }

    @Override
    public List<AuditEntry> forRequest(String requestId) {
        sealLazily();
        return db.read("read audit history of " + requestId, c -> AuditRows.forRequest(c, requestId));
    }

    @Override
    public AuditVerification verify() {
        seal();
        return db.inSnapshot("verify audit log", c -> AuditVerifier.verify(c, db.auditChain()));
    }

    /** How many entries {@link #export} would write now (head seq minus anchor seq), e.g. for a progress bar. */
    public long size() {
        seal();
        return db.inSnapshot(
                "count audit entries",
                c -> AuditRows.head(c, false).seq() - AuditRows.anchor(c).seq());
    }

    /**
     * Writes every stored entry as JSON lines, one entry per line, oldest first:
     * {@code {"seq":1,"at":"…","requestId":"…","actor":"…","type":"…","detail":"…","prevHash":"…","hash":"…"}}.
     * {@code at} is the exact string that was hashed, so a reader can recompute the chain; after a purge the
     * first line's {@code prevHash} is the anchor's hash.
     *
     * @return the number of entries written
     */
    public long export(Writer out) {
        Objects.requireNonNull(out, "out");
        seal();
        return db.inSnapshot("export audit log", c -> {
            long written = 0;
            long after = AuditRows.anchor(c).seq();
            while (true) {
                List<AuditEntry> page = AuditRows.read(c, after, Long.MAX_VALUE, EXPORT_PAGE);
                for (AuditEntry entry : page) {
                    AuditJsonLines.write(out, entry);
                    written++;
                }
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).seq();
            }
            flush(out);
            return written;
        });
    }

    private static void flush(Writer out) {
        try {
            out.flush();
        } catch (IOException io) {
            throw new UncheckedIOException("Cannot write audit export", io);
        }
    }
}
