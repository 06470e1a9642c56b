package dev.maa.core.decisionlog;

import dev.maa.api.Decision;
import dev.maa.api.PolicyInput;
import dev.maa.core.Scheduler;
import dev.maa.core.codec.ParkedCall;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log: the caller's thread offers each event to one bounded buffer per sink and returns; background
 * work ({@link Scheduler}, one thread per sink) builds, masks and writes them in batches.
 *
 * <p>Drop policy (documented in docs/rollout.md): when a sink's buffer is full the <em>newest</em> event is dropped
 * for that sink (what is buffered keeps its order), counted in {@link DecisionCounts} ({@code dropped}), and one
 * warning says dropping started; one line says when it stopped and how many were lost. A batch a sink fails to write
 * counts as {@code failed} and is tried again at the next flush (events behind it wait, then drop). Allowed calls are
 * logged with probability {@code allowSampleRate}; every other outcome is logged.
 */
public final class DecisionLogger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionLogger.class);
    private static final DecisionLogger OFF = new DecisionLogger(
            List.of(),
            0,
            new EventDocuments(Map.of(), List.of(), List.of()),
            new DecisionCounts(),
            1,
            1,
            Duration.ofSeconds(1));

    private final Lane[] lanes;
    private final double allowSampleRate;
    private final EventDocuments documents;
    private final DecisionCounts counts;

    private DecisionLogger(
            List<DecisionSink> sinks,
            double allowSampleRate,
            EventDocuments documents,
            DecisionCounts counts,
            int bufferSize,
            int batchSize,
            Duration flushInterval) {
        this.allowSampleRate = allowSampleRate;
        this.documents = documents;
        this.counts = counts;
        this.lanes = new Lane[sinks.size()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(sinks.get(i), bufferSize, batchSize);
        }
        for (Lane lane : lanes) {
            lane.start(flushInterval);
        }
    }

    /** No logging: {@link #enabled()} is false and nothing is recorded. */
    public static DecisionLogger off() {
        return OFF;
    }

    /**
     * A log writing to {@code sinks}, each with a buffer of {@code bufferSize} events, flushed every
     * {@code flushInterval} in batches of at most {@code batchSize}; allows logged at {@code allowSampleRate} (0..1).
     */
    public static DecisionLogger of(
            List<DecisionSink> sinks,
            double allowSampleRate,
            EventDocuments documents,
            DecisionCounts counts,
            int bufferSize,
            int batchSize,
            Duration flushInterval) {
        if (!(allowSampleRate >= 0 && allowSampleRate <= 1)) {
            throw new IllegalArgumentException(
                    "decision_logs.allow_sample_rate must be between 0 and 1, was " + allowSampleRate);
        }
        if (bufferSize < 1 || batchSize < 1) {
            throw new IllegalArgumentException("decision_logs: buffer_size and batch_size must be at least 1, were "
                    + bufferSize + " and " + batchSize);
        }
        return new DecisionLogger(
                List.copyOf(sinks), allowSampleRate, documents, counts, bufferSize, batchSize, flushInterval);
    }

    /** Whether any sink listens. */
    public boolean enabled() {
        return lanes.length > 0;
    }

    /** Whether this allowed call is one of the sampled ones (false when the log is off). */
    public boolean sampleAllow() {
        return lanes.length > 0
                && (allowSampleRate >= 1
                        || (allowSampleRate > 0 && ThreadLocalRandom.current().nextDouble() < allowSampleRate));
    }

    /** The allow sampling rate, recorded in each allow event so counts can be scaled back. */
    public double allowSampleRate() {
        return allowSampleRate;
    }

    /** Records one decision; never blocks (a full buffer drops the event for that sink, counted). */
    public void record(String outcome, PolicyInput input, Decision decision, ParkedCall parked, boolean sampledAllow) {
        if (lanes.length > 0) {
            offer(event(outcome, input, decision, parked, sampledAllow));
        }
    }

    /** The event of one decision, with its sample rate ({@code allowSampleRate} for a sampled allow, else 1). */
    public DecisionEvent event(
            String outcome, PolicyInput input, Decision decision, ParkedCall parked, boolean sampledAllow) {
        return new DecisionEvent(outcome, input, decision, parked, sampledAllow ? allowSampleRate : 1);
    }

    /**
     * Records an event that {@code event} builds on the log's thread, once for every sink (the cached-allow path:
     * the caller pays an allocation and a queue offer, never the policy input or the canonical encoding). An event
     * that fails to build counts as {@code failed}.
     */
    public void recordLater(Supplier<DecisionEvent> event) {
        if (lanes.length > 0) {
            offer(lanes.length == 1 ? event : new Once(event));
        }
    }

    private void offer(Supplier<DecisionEvent> e) {
        for (Lane lane : lanes) {
            lane.offer(e);
        }
    }

    /** Builds its event at most once, for the first sink that asks; the others get the same event. */
    private static final class Once implements Supplier<DecisionEvent> {
        private final Supplier<DecisionEvent> build;
        private DecisionEvent event;

        Once(Supplier<DecisionEvent> build) {
            this.build = build;
        }

        @Override
        public synchronized DecisionEvent get() {
            if (event == null) {
                event = build.get();
            }
            return event;
        }
    }

    /** The counters this log writes to. */
    public DecisionCounts counts() {
        return counts;
    }

    /** Writes what is buffered now, on the calling thread (tests, shutdown). */
    public void flush() {
        for (Lane lane : lanes) {
            synchronized (lane) {
                lane.drain();
            }
        }
    }

    /** Stops the background work after one last flush; what could not be written counts as dropped. */
    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.close();
        }
    }

    /** One sink, its buffer and its thread. */
    private final class Lane {
        private final DecisionSink sink;
        private final ArrayBlockingQueue<Supplier<DecisionEvent>> buffer;
        private final int batchSize;
        private final AtomicBoolean dropping = new AtomicBoolean();
        private final Scheduler scheduler;
        private List<String> retry = List.of();

        Lane(DecisionSink sink, int bufferSize, int batchSize) {
            this.sink = sink;
            this.buffer = new ArrayBlockingQueue<>(bufferSize);
            this.batchSize = batchSize;
            this.scheduler = Scheduler.named("maa-decision-log-" + sink.name());
        }

        void start(Duration interval) {
            scheduler.every("decision log to " + sink.name(), interval, interval, () -> {
                synchronized (this) {
                    drain();
                }
            });
        }

        void offer(Supplier<DecisionEvent> e) {
            if (!buffer.offer(e)) {
                counts.sink("dropped", sink.name(), 1);
                if (dropping.compareAndSet(false, true)) {
                    LOG.warn(
                            "Decision log '{}': buffer full ({} events), dropping new events until it drains;"
                                    + " count in maa.decision_logs.dropped",
                            sink.name(),
                            buffer.size());
                }
            }
        }

        /**
         * Writes what is buffered when it starts, in batches, until that is written or the sink fails; caller holds
         * this lane's lock. Events offered meanwhile wait for the next flush, so the log's thread does at most a
         * buffer's worth of work per flush interval however fast calls come (the rest is dropped, counted).
         */
        void drain() {
            int budget = buffer.size();
            while (true) {
                List<String> batch = retry;
                if (batch.isEmpty()) {
                    List<Supplier<DecisionEvent>> events = new ArrayList<>(batchSize);
                    if (budget > 0) {
                        budget -= buffer.drainTo(events, Math.min(batchSize, budget));
                    }
                    if (events.isEmpty()) {
                        resumed();
                        return;
                    }
                    batch = new ArrayList<>(events.size());
                    for (Supplier<DecisionEvent> s : events) {
                        try {
                            DecisionEvent e = s.get();
                            batch.add(documents.toJson(e, e.input().time()));
                        } catch (RuntimeException x) {
                            counts.sink("failed", sink.name(), 1);
                            LOG.debug("Decision log '{}': an event could not be built: {}", sink.name(), x.toString());
                        }
                    }
                    if (batch.isEmpty()) {
                        continue;
                    }
                }
                try {
                    sink.write(batch);
                    counts.sink("written", sink.name(), batch.size());
                    retry = List.of();
                } catch (IOException | RuntimeException x) {
                    counts.sink("failed", sink.name(), batch.size());
                    retry = batch;
                    LOG.debug(
                            "Decision log '{}' failed to write {} events: {}", sink.name(), batch.size(), x.toString());
                    return;
                }
            }
        }

        private void resumed() {
            if (dropping.get() && buffer.remainingCapacity() > 0 && dropping.compareAndSet(true, false)) {
                LOG.info(
                        "Decision log '{}': buffer drained, logging again ({} events dropped since start)",
                        sink.name(),
                        counts.sinkCount("dropped", sink.name()));
            }
        }

        void close() {
            scheduler.close();
            synchronized (this) {
                drain();
                int left = buffer.size() + retry.size();
                if (left > 0) {
                    counts.sink("dropped", sink.name(), left);
                    LOG.warn("Decision log '{}': {} events could not be written before shutdown", sink.name(), left);
                }
                buffer.clear();
                retry = List.of();
            }
            try {
                sink.close();
            } catch (IOException e) {
                LOG.warn("Decision log '{}' did not close cleanly: {}", sink.name(), e.toString());
            }
        }
    }
}
