package dev.maa.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.ClaimingStore;
import dev.maa.api.Durations;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.Scheduler;
import dev.maa.core.decisionlog.JsonLinesFileSink;
import dev.maa.core.view.RequestJson;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The impact of policy changes, computed on one background thread: for a pushed change, sealed in the request's audit
 * trail ({@code IMPACT_COMPUTED}, with the digest of the parked change it is about); for a change not yet submitted
 * (the author's preview), kept in {@link ImpactPreviews} until the author polls it.
 *
 * <p>Why not on the push's thread: replaying a week of decisions takes seconds (a million events, many seconds on two
 * cores), which held a REST or console push open that long. The parked change seals only that an impact is due and
 * over which window ({@link #pending}); the request shows {@code "state": "computing"} until the event is written.
 * Bounded: one thread, at most {@link #MAX_QUEUED} changes and previews waiting (one pending change per policy makes
 * more rare); {@link #close} stops a replay in progress at its next chunk, leaving that request's impact "computing"
 * until the next start resumes it ({@link #resume}). In a cluster each request's replay runs under the job lease
 * {@code maa.policy-impact <id>} ({@link ClaimingStore#tryAcquireJobLock}), renewed while it runs, and is sealed only
 * by its holder and only if the trail has no report yet, so two nodes never both seal one.
 */
final class ImpactReports implements AutoCloseable {

    /** How many changes and previews may wait for their impact; more are answered with an error saying so. */
    static final int MAX_QUEUED = 8;

    /** How long a node holds a request's impact lease without renewing it (renewed every third of it). */
    static final Duration LEASE = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(ImpactReports.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);

    /** A replay to run: sealed for {@code requestId}, or handed to {@code preview}. */
    private record Job(String requestId, PolicySet set, Instant since, ImpactPreviews.Preview preview) {}

    private final MaaEngine maa;
    private final Path decisionLog;
    private final Duration window;
    private final ImpactPreviews previews;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Scheduler scheduler = Scheduler.named("maa-policy-impact");
    /** Requests whose impact this node has queued or is computing, so a resume never queues one twice. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private boolean started;
    private int running;
    private volatile boolean closed;

    /**
     * Over the events of {@code decisionLog} (and its rotated files) of the last {@code window}; {@code null}: none. A
     * preview not computed within {@code previewTimeout} ends with an error saying so.
     */
    ImpactReports(MaaEngine maa, Path decisionLog, Duration window, Duration previewTimeout) {
        this.maa = maa;
        this.decisionLog = decisionLog;
        this.window = window;
        this.previews = new ImpactPreviews(previewTimeout);
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
        return compute(set, since, () -> closed);
    }

    /** As {@link #compute(PolicySet, Instant)}, throwing {@link CancellationException} once {@code stop} says so. */
    private String compute(PolicySet set, Instant since, BooleanSupplier stop) {
        List<Path> files = files();
        if (files.isEmpty()) {
            return "";
        }
        Map<String, Object> impact = head(since);
        String window = impact.get("window").toString();
        try {
            WhatIf.Report report = WhatIf.run(set, files, since, stop);
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
        if (closed || files().isEmpty() || !inFlight.add(requestId)) {
            return;
        }
        if (!enqueue(new Job(requestId, set, since, null))) {
            inFlight.remove(requestId);
            seal(requestId, json(busy()));
        }
    }

    /**
     * Starts computing the impact {@code author} would submit with {@code set}, on the same thread and the same way as
     * a pushed change's: empty without a decision log, else the preview's JSON ({@code id}, {@code state} computing
     * or computed, then as {@link #compute}); the same author asking again for the same set while it computes gets
     * the same preview.
     */
    synchronized String preview(PolicySet set, String author) {
        if (files().isEmpty()) {
            return "";
        }
        Instant since = since();
        ImpactPreviews.Preview running = previews.computing(set.digest(), author);
        if (running != null) {
            return running.json(head(running.since()));
        }
        ImpactPreviews.Preview p = previews.start(set.digest(), author, since);
        if (closed) {
            p.done(json(error(since, "not computed: the server is stopping")));
        } else if (!enqueue(new Job(null, set, since, p))) {
            p.done(json(busy()));
        }
        return p.json(head(since));
    }

    /** The preview {@code id} as {@link #preview} describes it, while it is kept, to the author who asked for it only. */
    Optional<String> previewOf(String id, String author) {
        return previews.find(id, author).map(p -> p.json(head(p.since())));
    }

    /**
     * Resumes the impact of the open policy change whose impact is still "computing" in its trail (a stop cut it, or
     * another node's): queued like a push's, over the window its parked change sealed. Returns whether one was queued.
     */
    boolean resume() {
        Optional<ApprovalRequest> open = maa.store().findOpen("ACCESS_POLICY/" + PolicyChange.DEFAULT_TARGET);
        if (open.isEmpty() || open.get().status() != Status.NEEDS_APPROVAL) {
            return false;
        }
        ApprovalRequest r = open.get();
        if (inFlight.contains(r.id())) {
            return false; // queued or computing here already
        }
        JsonNode shown = RequestJson.impact(r, maa.store().auditLog().forRequest(r.id()));
        if (shown == null || !"computing".equals(shown.path("state").asText())) {
            return false;
        }
        Instant since;
        try {
            since = Instant.parse(shown.path("since").asText());
        } catch (DateTimeParseException e) {
            since = since();
        }
        PolicyChange change = (PolicyChange)
                maa.codec().decode(r.id(), r.payload(), r.digest()).args().get(0);
        LOG.info("Resuming the impact of policy change {} (decisions since {})", r.id(), since);
        submit(r.id(), change.policySet(), since);
        return true;
    }

    /**
     * {@link #resume} now and then every {@code period} on the impact thread, for as long as this runs: an impact whose
     * node stopped or died while computing it (its lease runs out, {@link #LEASE}) is computed by a node that runs,
     * not only at the next start.
     */
    void resumeEvery(Duration period) {
        try {
            resume(); // queued before the caller goes on (a start shows it as queued at once)
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not resume the impact of a pending policy change; trying again in {}: {}",
                    period,
                    e.toString());
        }
        scheduler.every("Resuming the impact of a policy change left computing", period, period, this::resume);
    }

    private boolean enqueue(Job job) {
        if (!queue.offer(job)) {
            return false;
        }
        if (!started) {
            started = true;
            scheduler.every("Computing the impact of policy changes", Duration.ZERO, POLL, this::drain);
        }
        return true;
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
                if (job.preview() != null) {
                    runPreview(job);
                } else {
                    runSealed(job);
                }
            } catch (CancellationException e) {
                LOG.info("Impact of policy change {} not computed: {}", job.requestId(), e.getMessage());
            } finally {
                if (job.requestId() != null) {
                    inFlight.remove(job.requestId());
                }
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

    private void runPreview(Job job) {
        ImpactPreviews.Preview p = job.preview();
        try {
            p.done(compute(job.set(), job.since(), () -> closed || p.overdue()));
        } catch (CancellationException e) {
            p.done(json(error(
                    job.since(),
                    closed
                            ? "not computed: the server stopped"
                            : "not computed within " + Durations.format(previews.timeout())
                                    + ": the decision log is too large to replay that fast; the request page shows"
                                    + " the impact once the change is submitted")));
        }
    }

    /** Replays and seals under the request's lease; nothing if another node holds it or a report is sealed already. */
    private void runSealed(Job job) {
        String lease = PolicyService.IMPACT_JOB + " " + job.requestId();
        ClaimingStore cluster = maa.store() instanceof ClaimingStore c ? c : null;
        if (cluster != null
                && !cluster.tryAcquireJobLock(
                        lease, maa.nodeId(), LEASE, maa.clock().instant())) {
            LOG.debug("Impact of policy change {} is computed by another node", job.requestId());
            return;
        }
        try {
            if (!due(job.requestId())) {
                return; // decided, withdrawn or sealed before its impact: nobody needs it any more
            }
            long[] renewAt = {System.nanoTime() + LEASE.toNanos() / 3};
            BooleanSupplier stop = () -> {
                if (closed) {
                    return true;
                }
                if (cluster == null || System.nanoTime() < renewAt[0]) {
                    return false;
                }
                renewAt[0] = System.nanoTime() + LEASE.toNanos() / 3;
                return !cluster.tryAcquireJobLock(
                        lease, maa.nodeId(), LEASE, maa.clock().instant());
            };
            String impact = compute(job.set(), job.since(), stop);
            if (stop.getAsBoolean()
                    || cluster != null
                            && !cluster.tryAcquireJobLock(
                                    lease, maa.nodeId(), LEASE, maa.clock().instant())) {
                throw new CancellationException("the impact lease was lost or the service closed");
            }
            seal(job.requestId(), impact);
        } finally {
            if (cluster != null) {
                cluster.releaseJobLock(lease, maa.nodeId());
            }
        }
    }

    /** Whether request {@code requestId} still needs approval and its trail has no impact report yet. */
    private boolean due(String requestId) {
        ApprovalRequest r = maa.store().find(requestId).orElse(null);
        if (r == null || r.status() != Status.NEEDS_APPROVAL) {
            return false;
        }
        JsonNode shown = RequestJson.impact(r, maa.store().auditLog().forRequest(requestId));
        return shown == null || "computing".equals(shown.path("state").asText());
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

    private Map<String, Object> busy() {
        return Map.of(
                "state",
                "computed",
                "error",
                "not computed: " + MAX_QUEUED + " policy changes were already waiting for their impact");
    }

    private Map<String, Object> error(Instant since, String message) {
        Map<String, Object> m = head(since);
        m.put("state", "computed");
        m.put("error", message);
        return m;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("impact not writable as JSON", e);
        }
    }

    /** Reads an impact written by {@link #json} back as an object. */
    static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("impact is not a JSON object", e);
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
