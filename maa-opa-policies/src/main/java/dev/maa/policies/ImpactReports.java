package dev.maa.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.Durations;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.Scheduler;
import dev.maa.core.decisionlog.JsonLinesFileSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The impact of pushed policy changes, computed on a background thread and sealed in the request's audit trail
 * ({@code IMPACT_COMPUTED}, with the digest of the parked change it is about) when done.
 *
 * <p>Why not on the push's thread: replaying a week of decisions takes seconds (a million events, many seconds on two
 * cores), which held a REST or console push open that long. The parked change seals only that an impact is due and
 * over which window ({@link #pending}); the request shows {@code "state": "computing"} until the event is written.
 * Bounded: one thread, at most {@link #MAX_QUEUED} changes waiting (one pending change per policy makes more rare);
 * {@link #close} stops a replay in progress at its next chunk, leaving that request's impact "computing".
 */
final class ImpactReports implements AutoCloseable {

    /** How many pushed changes may wait for their impact; more are sealed with an error saying so. */
    static final int MAX_QUEUED = 8;

    private static final Logger LOG = LoggerFactory.getLogger(ImpactReports.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);

    private record Job(String requestId, PolicySet set, Instant since) {}

    private final MaaEngine maa;
    private final Path decisionLog;
    private final Duration window;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Scheduler scheduler = Scheduler.named("maa-policy-impact");
    private boolean started;
    private int running;
    private volatile boolean closed;

    /** Over the events of {@code decisionLog} (and its rotated files) of the last {@code window}; {@code null}: none. */
    ImpactReports(MaaEngine maa, Path decisionLog, Duration window) {
        this.maa = maa;
        this.decisionLog = decisionLog;
        this.window = window;
    }

    /** When the impact of a change pushed now starts looking. */
    Instant since() {
        return maa.clock().instant().minus(window);
    }

    /**
     * What a change pushed now seals as its impact: empty when there is no decision log to replay, else the window
     * and {@code "state": "computing"} (the result comes in the audit trail).
     */
    String pending(Instant since) {
        if (files().isEmpty()) {
            return "";
        }
        Map<String, Object> m = head(since);
        m.put("state", "computing");
        return json(m);
    }

    /** The impact of {@code set} over the log, now, on this thread (the JSON object of {@link PolicyService#impactOf}). */
    String compute(PolicySet set, Instant since) {
        List<Path> files = files();
        if (files.isEmpty()) {
            return "";
        }
        Map<String, Object> impact = head(since);
        String window = impact.get("window").toString();
        try {
            WhatIf.Report report = WhatIf.run(set, files, since, () -> closed);
            impact.put("state", "computed");
            impact.putAll(report.toJson());
            impact.put("summary", report.summary(window));
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            impact.put("state", "computed");
            impact.put("error", "the decision log " + decisionLog + " could not be replayed: " + e.getMessage());
        }
        return json(impact);
    }

    /** Computes the impact of {@code set} for request {@code requestId} in the background, then seals it. */
    synchronized void submit(String requestId, PolicySet set, Instant since) {
        if (closed || files().isEmpty()) {
            return;
        }
        if (!queue.offer(new Job(requestId, set, since))) {
            seal(
                    requestId,
                    json(Map.of(
                            "state",
                            "computed",
                            "error",
                            "not computed: " + MAX_QUEUED + " policy changes were already waiting for their impact")));
            return;
        }
        if (!started) {
            started = true;
            scheduler.every("Computing the impact of pushed policy changes", Duration.ZERO, POLL, this::drain);
        }
    }

    /** Waits until no impact is waiting or being computed; false if {@code timeout} ran out first. */
    synchronized boolean await(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!queue.isEmpty() || running > 0) {
            long left = end - System.nanoTime();
            if (left <= 0 || closed) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void drain() {
        for (Job job = take(); job != null; job = take()) {
            try {
                run(job);
            } catch (CancellationException e) {
                LOG.info("Impact of policy change {} not computed: {}", job.requestId(), e.getMessage());
            } finally {
                synchronized (this) {
                    running--;
                    notifyAll();
                }
            }
        }
    }

    private synchronized Job take() {
        Job job = closed ? null : queue.poll();
        if (job != null) {
            running++;
        }
        return job;
    }

    private void run(Job job) {
        ApprovalRequest r = maa.store().find(job.requestId()).orElse(null);
        if (r == null || r.status() != Status.NEEDS_APPROVAL) {
            return; // decided (or withdrawn) before its impact: nobody reads it any more
        }
        seal(job.requestId(), compute(job.set(), job.since()));
    }

    private void seal(String requestId, String impact) {
        ApprovalRequest r = maa.store().find(requestId).orElse(null);
        if (r == null) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("digest", r.digest());
        try {
            detail.put("impact", JSON.readTree(impact));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("impact is not JSON", e);
        }
        maa.store()
                .auditLog()
                .append(new AuditEvent(
                        maa.clock().instant(), requestId, "system", AuditEventType.IMPACT_COMPUTED, json(detail)));
    }

    private List<Path> files() {
        return decisionLog == null ? List.of() : JsonLinesFileSink.files(decisionLog);
    }

    private Map<String, Object> head(Instant since) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", window.toSeconds() % 86_400 == 0 ? window.toDays() + "d" : Durations.format(window));
        m.put("since", since.toString());
        return m;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("impact not writable as JSON", e);
        }
    }

    /** Stops: a replay in progress ends at its next chunk, waiting changes keep "computing". */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        scheduler.close();
    }
}
