package dev.maa.store.jdbc.internal;

import dev.maa.api.MaaConfigurationException;
import dev.maa.api.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The H2 file's write-ahead log of request transitions, so that an acknowledged write is on the disk without H2
 * writing its own file: H2 acknowledges commits from memory, and forcing its file after each group of commits costs
 * an MVStore chunk write each time (docs/cluster.md, "The embedded H2 store"). Appending a few hundred bytes and
 * forcing them costs a fraction of that.
 *
 * <p>Segments {@code <name>.tlog.<n>} lie beside the H2 file, mode 0600. A record ({@link TransitionRecord}) is
 * framed by its length and CRC32 ({@link LogSegments}). A logged transaction commits in H2 and appends its record under one short lock, so
 * the log holds transactions in commit order (a transaction that read or overwrote another's row committed after it,
 * hence follows it in the log), then waits outside the lock for a group {@code force} ({@link GroupSync}).
 *
 * <p>A checkpoint ({@link #checkpoint}, every second in the background) starts a new segment, runs H2's
 * {@code CHECKPOINT SYNC} (every transaction whose record is in the older segments committed before it) and deletes
 * the older segments; an orderly close does the same with all of them. At open, before the store serves anything,
 * {@link LogReplay} applies what segments a crash left behind.
 *
 * <p>A failed append or force (a full disk) fails its write closed, as not acknowledged, and every logged write
 * after it, until a checkpoint has made everything committed durable through H2 and started a clean segment.
 *
 * <p>A checkpoint deletes segments only when its {@code CHECKPOINT SYNC} ran on the very H2 database the records
 * were committed to, still healthy after it ({@link #requireDatabase}): H2 closes its database when it fails to
 * write its file and the next connection opens the file again without the commits H2 held in memory; a checkpoint
 * of that new database proves nothing about them. Then the log fails for good and keeps every segment; the next
 * open of the store replays them.
 *
 * <p>Stores of one JVM that open the same file (H2 serves them one database) share one log, so that their commits
 * are ordered by one lock: the first to open it replays, the last to close it checkpoints and deletes it.
 *
 * <p><b>No writer while the file is stored</b> ({@link #asAWriter}, {@link #asTheOnlyWriter}). H2 writes its file as a
 * snapshot taken map by map, not of all maps at one instant (H2 issue 2080): a store running while another thread
 * commits can put the thread's uncommitted row in the file without its undo log. After a crash such a leftover row
 * keeps its transaction's number, which H2 gives out again: the next transaction to get that number reads the row as
 * its own (a unique-index conflict on a row the table does not show), another one waits for it (a lock timeout), so a
 * replay, and any later write to the row, failed (issue 14). So every writing transaction on the file holds this
 * log's writer lock shared, and every store of it ({@code CHECKPOINT SYNC}: the log's checkpoint, a group flush, a
 * close) holds it exclusively: writers run side by side, never beside a store. H2's background writer is off
 * ({@code WRITE_DELAY}, {@link #BACKGROUND_WRITES_OFF}); the log's checkpoint replaces it. H2 also stores the file
 * itself, in whichever thread writes, once a fixed amount of changes is unsaved (19 MB; not settable); so a writer
 * that finds half of that unsaved first stores the file as the only writer ({@link #storeIfMuchUnsaved}, a
 * {@code CHECKPOINT} without forcing), and H2's own threshold is never reached while others write. Reads never wait
 * for the lock. A write transaction on H2 takes tens of microseconds; the waits for the disk ({@link #awaitForced})
 * stay outside, so group commits are as before.
 */
public final class TransitionLog {

    private static final System.Logger LOG = System.getLogger(TransitionLog.class.getName());
    private static final String INFIX = ".tlog.";

    /**
     * The {@code SET WRITE_DELAY} that turns H2's background writer off for a file with a log (the longest H2
     * accepts; its thread then sleeps for weeks).
     */
    public static final int BACKGROUND_WRITES_OFF = Integer.MAX_VALUE;

    /** The logs of this JVM, by H2 file (guarded by itself). */
    private static final Map<Path, TransitionLog> OPEN = new HashMap<>();

    private final Path base;
    private final boolean posix;
    private final List<Path> leftovers;
    private int users = 1;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Writers of the H2 file shared, its stores exclusive (see the class comment); taken before {@link #lock}, never
     * after.
     */
    private final ReentrantReadWriteLock writers = new ReentrantReadWriteLock();

    private final GroupSync forces = new GroupSync(this::force);
    private final AtomicLong contended = new AtomicLong();
    private final AtomicLong unsavedStores = new AtomicLong();
    private final List<Path> retired = new ArrayList<>();
    private FileChannel channel;
    private long number;
    private long bytes;
    private long appends;
    private IOException failure;
    private long failedIn;
    /** The H2 database ({@link H2Instance#of}) every record is committed to, pinned by the first check. */
    private volatile WeakReference<Object> database;

    private boolean closed;

    private TransitionLog(Path base, List<Path> leftovers) throws IOException {
        this.base = base;
        this.posix = H2Files.supportsPosix(base.getParent());
        this.leftovers = new ArrayList<>(leftovers);
        this.number = leftovers.isEmpty() ? 1 : number(leftovers.get(leftovers.size() - 1)) + 1;
        this.channel = create(path(number));
    }

    /**
     * The log of the H2 file at {@code base}, which this process opened privately: a new segment after the ones a
     * crash may have left, which {@link #recover} then replays and deletes.
     *
     * @throws MaaConfigurationException if a segment is open to other users
     */
    public static TransitionLog open(Path base) {
        synchronized (OPEN) {
            TransitionLog open = OPEN.get(base);
            if (open != null) {
                open.users++;
                return open;
            }
            TransitionLog log = firstOpen(base);
            OPEN.put(base, log);
            return log;
        }
    }

    private static TransitionLog firstOpen(Path base) {
        try {
            return new TransitionLog(base, leftovers(base));
        } catch (IOException e) {
            throw new StoreUnavailableException(
                    "Cannot create the transition log of the embedded store in "
                            + base.getParent() + " (" + e.getMessage()
                            + "). Free disk space or fix the directory's owner "
                            + "and mode (0700), then start again.",
                    e);
        }
    }

    /**
     * Replays the segments found when this log was created into H2 ({@link LogReplay}), makes H2 durable and deletes
     * them; nothing for a store that joined a log another store of this JVM opened (and recovered) first.
     */
    public void recover(Db db) {
        List<Path> found;
        synchronized (OPEN) {
            found = List.copyOf(leftovers);
            leftovers.clear();
        }
        LogReplay.replay(found, db);
        deleteFiles(found);
    }

    /**
     * For a store that shares its H2 file (which logs nothing): replays and deletes the segments a private owner
     * that crashed left behind, so that no acknowledged write is lost when the file changes hands.
     */
    public static void recoverLeftovers(Path base, Db db) {
        List<Path> found = leftovers(base);
        if (!found.isEmpty()) {
            LogReplay.replay(found, db);
            deleteFiles(found);
        }
    }

    /** The segments at {@code base}, oldest first, each checked to be private to its owner. */
    static List<Path> leftovers(Path base) {
        Pattern name = Pattern.compile(Pattern.quote(base.getFileName() + INFIX) + "(\\d{10})");
        boolean posix = H2Files.supportsPosix(base.getParent());
        try (Stream<Path> files = Files.list(base.getParent())) {
            List<Path> found = files.filter(
                            f -> name.matcher(f.getFileName().toString()).matches())
                    .sorted()
                    .toList();
            if (posix) {
                found.forEach(f -> H2Files.refuseIfOpenToOthers(f, "600"));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot list the transition log in " + base.getParent() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits {@code c}'s transaction and appends {@code record} (encoded by the caller, outside the lock), one
     * transaction at a time; the record is written, not forced ({@link #awaitForced}). Nothing is committed once
     * the log has failed.
     *
     * @throws StoreUnavailableException if the log failed before, or this append fails (then the transaction is
     *                                   committed in H2 but not acknowledged)
     */
    public void commitAndAppend(Connection c, byte[] record) throws SQLException {
        ByteBuffer frame = ByteBuffer.wrap(LogSegments.frame(record));
        if (!lock.tryLock()) {
            contended.incrementAndGet();
            lock.lock();
        }
        try {
            requireWritable();
            requireDatabase(H2Instance.of(c));
            try {
                c.commit();
            } catch (SQLException e) {
                if (SqlErrors.isTransient(e)) {
                    throw e; // nothing committed: the caller tries again
                }
                // H2 fails a commit once its own write of the file failed (a full disk): not acknowledged either
                throw Db.notOnDisk("SQLState " + e.getSQLState(), e);
            }
            boolean interrupted = Thread.interrupted(); // an interrupt would close the channel under every writer
            try {
                while (frame.hasRemaining()) {
                    bytes += channel.write(frame);
                }
            } catch (IOException e) {
                failure = e;
                failedIn = number;
                throw Db.notOnDisk("transition log", e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            appends++;
        } finally {
            lock.unlock();
        }
    }

    /** Work on the H2 file: a writing transaction, or a store of the file (see the class comment). */
    @FunctionalInterface
    public interface WriterWork<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work}, a writing transaction on the H2 file, beside other writers but never beside a store of the
     * file (see the class comment). Reentrant; take it before a connection, so that no writer waiting for it holds
     * one of the pool's.
     */
    public <T, E extends Exception> T asAWriter(WriterWork<T, E> work) throws E {
        writers.readLock().lock();
        try {
            return work.run();
        } finally {
            writers.readLock().unlock();
        }
    }

    /**
     * Runs {@code work}, a store of the H2 file, with no writing transaction in flight (see the class comment).
     *
     * @throws IllegalStateException if this thread is in a writing transaction ({@link #asAWriter}), which the store
     *                               would wait for forever
     */
    public <T, E extends Exception> T asTheOnlyWriter(WriterWork<T, E> work) throws E {
        if (writers.getReadHoldCount() > 0) {
            throw new IllegalStateException("A store of the H2 file was asked for inside a writing transaction");
        }
        writers.writeLock().lock();
        try {
            return work.run();
        } finally {
            writers.writeLock().unlock();
        }
    }

    /**
     * Runs {@code store} (H2's {@code CHECKPOINT}) as the only writer if H2 holds so many unsaved changes that this
     * thread, about to write and in no writing transaction, should store the file first: half the amount at
     * which H2 would store it in a writing thread (see the class comment). Checked again once the only writer, since
     * another thread may have stored it meanwhile.
     */
    public void storeIfMuchUnsaved(Runnable store) {
        if (muchUnsaved()) {
            asTheOnlyWriter(() -> {
                if (muchUnsaved()) {
                    store.run();
                    unsavedStores.incrementAndGet();
                }
                return null;
            });
        }
    }

    private boolean muchUnsaved() {
        WeakReference<Object> pinned = database;
        Object current = pinned == null ? null : pinned.get();
        return current != null
                && writers.getReadHoldCount() == 0
                && H2Instance.healthy(current)
                && H2Instance.unsavedMemory(current) > H2Instance.autoStoreMemory(current) / 2;
    }

    /** How many stores {@link #storeIfMuchUnsaved} ran. */
    long unsavedStores() {
        return unsavedStores.get();
    }

    /** Returns once every record appended before this call is on the disk (one {@code force} for many writers). */
    public void awaitForced() {
        forces.awaitDurable();
    }

    private void force() {
        FileChannel current;
        lock.lock();
        try {
            requireWritable();
            current = channel;
        } finally {
            lock.unlock();
        }
        boolean interrupted = Thread.interrupted(); // an interrupt would close the channel under every writer
        try {
            current.force(false);
        } catch (IOException e) {
            lock.lock();
            try {
                // closed by a checkpoint's switch or a close, which forced it first (their failure is checked next);
                // anything else, an interrupt during the force among them, fails the log
                if (!(e instanceof ClosedChannelException) || current == channel && !closed) {
                    failure = e;
                    failedIn = number;
                }
            } finally {
                lock.unlock();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            requireWritable();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fails the log for good unless {@code current} ({@link H2Instance#of}) is the healthy H2 database that every
     * record so far was committed to (the first one checked is pinned): once H2 has closed that database after a
     * failed write, only the segments hold its lost commits, and only a replay at the next open restores them.
     *
     * @throws StoreUnavailableException if it is not
     */
    void requireDatabase(Object current) {
        WeakReference<Object> pinned = database;
        if (pinned != null && current != null && current == pinned.get() && H2Instance.healthy(current)) {
            return; // the common case, without the commit lock: every connection of the store checks it
        }
        lock.lock();
        try {
            if (database == null && current != null) {
                database = new WeakReference<>(current);
            }
            if (current == null || current != database.get() || !H2Instance.healthy(current)) {
                if (failedIn != Long.MAX_VALUE) {
                    LOG.log(
                            System.Logger.Level.ERROR,
                            "H2 closed the database of " + base + ".mv.db after a failed write (a full disk?): the "
                                    + "transition log refuses every write and keeps its segments; free disk space "
                                    + "and restart the store, which replays them");
                }
                failure = new IOException("H2 closed its database after a failed write; restart the store to replay "
                        + "the transition log");
                failedIn = Long.MAX_VALUE; // no checkpoint of this log covers it: it needs the replay at an open
                throw Db.notOnDisk("the database closed itself; restart the store", failure);
            }
        } finally {
            lock.unlock();
        }
    }

    private void requireWritable() {
        if (closed) {
            throw new StoreUnavailableException("The request store is closed; the change was not made.", null);
        }
        if (failure != null) {
            throw Db.notOnDisk("transition log", failure);
        }
    }

    /** H2's {@code CHECKPOINT SYNC}, returning the database it ran on ({@link H2Instance#of}). */
    @FunctionalInterface
    public interface CheckpointSync {
        Object run();
    }

    /**
     * Starts a new segment, runs {@code checkpointSync} (H2's {@code CHECKPOINT SYNC}: every transaction whose record
     * is in an older segment committed before it) and deletes the older segments. Returns whether there was
     * anything to do. A failed {@code checkpointSync}, or one that ran on another database than the records', keeps the
     * segments for the next checkpoint, or a replay.
     */
    public boolean checkpoint(CheckpointSync checkpointSync) {
        List<Path> old;
        lock.lock();
        try {
            if (closed || bytes == 0 && retired.isEmpty() && failure == null) {
                return false;
            }
            FileChannel next;
            try {
                next = create(path(number + 1));
            } catch (IOException e) {
                failure = e;
                failedIn = number;
                throw Db.notOnDisk("transition log", e);
            }
            closeForced();
            retired.add(path(number));
            channel = next;
            number++;
            bytes = 0;
            old = List.copyOf(retired);
        } finally {
            lock.unlock();
        }
        requireDatabase(asTheOnlyWriter(checkpointSync::run));
        delete(old);
        return true;
    }

    /**
     * Stops appending, runs {@code checkpointSync} and deletes every segment: what an orderly close leaves is H2's file
     * alone. If {@code checkpointSync} fails, or ran on another database, the segments stay for the next open to replay.
     */
    public void close(CheckpointSync checkpointSync) {
        synchronized (OPEN) {
            if (--users > 0) {
                return; // another store of this JVM still writes through it
            }
            OPEN.remove(base, this);
        }
        List<Path> all;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closeForced();
            closed = true;
            retired.add(path(number));
            all = List.copyOf(retired);
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "Transition log of " + base + ".mv.db: " + appends + " records, " + forces.flushes()
                            + " forces, " + contended.get() + " appends waited for the commit lock");
        } finally {
            lock.unlock();
        }
        requireDatabase(asTheOnlyWriter(checkpointSync::run));
        delete(all);
    }

    /**
     * Gives the log up when the store fails to open: the last user closes its segment, and deletes it if it holds
     * nothing.
     */
    public void abandon() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(base, this);
        }
        lock.lock();
        try {
            closed = true;
            channel.close();
            if (bytes == 0) {
                Files.deleteIfExists(path(number));
            }
        } catch (IOException ignored) {
            // an empty segment left behind replays as nothing
        } finally {
            lock.unlock();
        }
    }

    /** Forces and closes the current segment (under the lock); a failed force is this segment's failure. */
    private void closeForced() {
        try {
            channel.force(false);
        } catch (IOException e) {
            failure = e;
            failedIn = number;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // forced (or failed) above; closing releases the descriptor either way
        }
    }

    /** Deletes segments a checkpoint covered; a failure recorded in one of them is over. */
    private void delete(List<Path> covered) {
        deleteFiles(covered);
        lock.lock();
        try {
            retired.removeAll(covered);
            if (failure != null && covered.stream().anyMatch(p -> number(p) >= failedIn)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "The transition log of " + base + ".mv.db writes again after " + "a failure ("
                                + failure.getMessage() + "): a checkpoint made everything committed durable");
                failure = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static void deleteFiles(List<Path> segments) {
        for (Path p : segments) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // replaying it again is harmless (idempotent by version); the next checkpoint retries
                LOG.log(System.Logger.Level.WARNING, "Cannot delete " + p + ": " + e.getMessage());
            }
        }
    }

    /** How many records were appended; how many appends found the lock taken (the lock's contention). */
    public long appends() {
        lock.lock();
        try {
            return appends;
        } finally {
            lock.unlock();
        }
    }

    public long contendedAppends() {
        return contended.get();
    }

    /** How many {@code force}s ran: with concurrent writers fewer than the appends they covered. */
    public long forces() {
        return forces.flushes();
    }

    private FileChannel create(Path p) throws IOException {
        H2Files.createPrivateFile(p, posix);
        return FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private Path path(long n) {
        return segment(base, n);
    }

    static Path segment(Path base, long n) {
        return base.resolveSibling(base.getFileName() + INFIX + String.format("%010d", n));
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
    }
}
