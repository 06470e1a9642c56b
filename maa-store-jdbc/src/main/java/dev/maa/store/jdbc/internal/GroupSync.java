package dev.maa.store.jdbc.internal;

/**
 * Makes committed transactions durable before they are acknowledged, one disk flush for many of them (group
 * commit). Used for the embedded H2 file: H2 acknowledges a commit while the change is only in its memory (its
 * MVStore writes the file in the background, {@code WRITE_DELAY}, and never forces it to the disk), so a process
 * killed right after a call, or a machine that loses power, loses what callers were told is done.
 *
 * <p>After its transaction committed, a writer takes a ticket and waits until a flush that started after its
 * ticket has finished. Whoever finds no flush running becomes the leader and runs one (the {@link TransitionLog}'s
 * {@code force} for request writes of a private H2 file; otherwise {@code CHECKPOINT SYNC}:
 * H2 writes every change made so far to the file and forces it to the disk), covering every ticket taken before
 * it started; writers that commit while it runs are covered by the next leader's flush. So with many writers one
 * flush serves many commits, as PostgreSQL's WAL flush does, and a lone writer waits for exactly one.
 *
 * <p>A failed flush (a full disk, an I/O error) fails its leader's write with that error, and each waiting writer
 * runs a flush of its own and fails or succeeds by its result: nothing is acknowledged that a flush did not cover.
 */
public final class GroupSync {

    /** One flush of everything committed so far to the disk. */
    @FunctionalInterface
    public interface Flush {
        void run();
    }

    private final Flush flush;
    private long tickets;
    private long flushed;
    private boolean flushing;
    private long flushes;

    public GroupSync(Flush flush) {
        this.flush = flush;
    }

    /** Returns once everything the calling thread committed before this call is on the disk. */
    public void awaitDurable() {
        long target;
        synchronized (this) {
            long ticket = ++tickets;
            boolean interrupted = false;
            while (flushing && flushed < ticket) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // an acknowledgement must not be given early; keep waiting, restore after
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (flushed >= ticket) {
                return;
            }
            flushing = true;
            target = tickets;
        }
        boolean done = false;
        try {
            flush.run();
            done = true;
        } finally {
            synchronized (this) {
                flushing = false;
                if (done) {
                    flushed = Math.max(flushed, target);
                    flushes++;
                }
                notifyAll();
            }
        }
    }

    /** How many flushes have run: with concurrent writers fewer than the writes they covered. */
    public synchronized long flushes() {
        return flushes;
    }
}
