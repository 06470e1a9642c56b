package dev.maa.core.decisionlog;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the decision path that metrics read ({@code maa serve}'s {@code /metrics} binds them to Micrometer):
 * audit-mode "would" outcomes per policy and protected method, and per decision-log sink the events written,
 * dropped (buffer full, or left when the log closed) and failed (a write or upload that threw).
 *
 * <p>Why plain counters: maa-core has no metrics library; the host's registry reads these when it scrapes.
 */
public final class DecisionCounts {

    /** One counter's identity: {@code name} ({@code would}, {@code written}, {@code dropped}, {@code failed}) and tags. */
    public record Key(String name, String outcome, String policy, String method, String sink) {}

    private final Map<Key, LongAdder> counters = new ConcurrentHashMap<>();

    /** One call that ran in audit mode with {@code outcome} ({@code would_deny}, ...) by {@code policy}. */
    public void would(String outcome, String policy, String method) {
        add(new Key("would", outcome, policy, method, ""), 1);
    }

    void sink(String name, String sink, long n) {
        add(new Key(name, "", "", "", sink), n);
    }

    private void add(Key key, long n) {
        counters.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    /** The current value of {@code key} (0 if never counted). */
    public long get(Key key) {
        LongAdder a = counters.get(key);
        return a == null ? 0 : a.sum();
    }

    /** Events of {@code sink} counted under {@code name} ({@code written}, {@code dropped}, {@code failed}). */
    public long sinkCount(String name, String sink) {
        return get(new Key(name, "", "", "", sink));
    }

    /** Calls that ran in audit mode with {@code outcome}, by {@code policy}, of {@code method} (Class.method). */
    public long wouldCount(String outcome, String policy, String method) {
        return get(new Key("would", outcome, policy, method, ""));
    }

    /** Every counter so far, in a stable order. */
    public Map<Key, Long> snapshot() {
        Map<Key, Long> m = new TreeMap<>(java.util.Comparator.comparing(Key::toString));
        counters.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
