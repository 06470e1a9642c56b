package dev.maa.core.decisionlog;

import dev.maa.core.config.ConfigSection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the {@code decision_logs} section of {@code maa.yaml} (with the one config kit, {@link ConfigSection}) and
 * opens the {@link DecisionLogger} it describes; no section (or neither {@code file} nor {@code http}) is no log.
 *
 * <pre>
 * decision_logs:
 *   allow_sample_rate: 0.01        # fraction of allowed calls logged; every other outcome is logged
 *   buffer_size: 10000             # events buffered per sink; when full, new events are dropped (counted)
 *   batch_size: 500
 *   flush_interval: 1s
 *   labels: {service: billing}
 *   mask: {keep: [/input/operation/arguments], drop: [/input/justification]}
 *   file: {path: decisions.jsonl, max_size_mb: 100, keep: 5}
 *   http: {url: http://collector:9000/logs, timeout: 10s}
 * </pre>
 */
public final class DecisionLogSettings {

    private static final Set<String> KEYS = Set.of(
            "allow_sample_rate", "buffer_size", "batch_size", "flush_interval", "labels", "mask", "file", "http");

    private DecisionLogSettings() {}

    /** The log {@code section} describes, files relative to {@code home}; {@link DecisionLogger#off()} if none. */
    public static DecisionLogger open(ConfigSection section, Path home) {
        Supplier<DecisionLogger> log = parse(section, home);
        return log == null ? DecisionLogger.off() : log.get();
    }

    /**
     * Checks {@code section} as {@link #open} reads it, without building a sink or starting a thread, so a mistake
     * stops start-up when the configuration is loaded.
     *
     * @throws dev.maa.api.MaaConfigurationException naming the key and what was wrong
     */
    public static void check(ConfigSection section, Path home) {
        parse(section, home);
    }

    /** Everything read and checked; the sinks and the logger are made only when the result is called. */
    private static Supplier<DecisionLogger> parse(ConfigSection section, Path home) {
        if (section.isEmpty()) {
            return null;
        }
        section.requireKnownKeys(KEYS);
        List<Supplier<DecisionSink>> sinks = new ArrayList<>();
        ConfigSection file = section.section("file");
        if (!file.isEmpty()) {
            file.requireKnownKeys(Set.of("path", "max_size_mb", "keep"));
            Path path = file.path("path", home).orElseThrow(() -> file.error("path", "required: the JSON-lines file"));
            long maxBytes = file.integer("max_size_mb", 1, 1_000_000, 100) * 1024L * 1024L;
            int keepFiles = file.integer("keep", 1, 1000, 5);
            sinks.add(() -> new JsonLinesFileSink(path, maxBytes, keepFiles));
        }
        ConfigSection http = section.section("http");
        if (!http.isEmpty()) {
            http.requireKnownKeys(Set.of("url", "timeout"));
            String url = http.string("url").orElseThrow(() -> http.error("url", "required: the collector's URL"));
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw http.error("url", "is not a URL (" + e.getMessage() + ")");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw http.error("url", "must be an http or https URL, was '" + url + "'");
            }
            Duration timeout = http.duration("timeout").orElse(Duration.ofSeconds(10));
            sinks.add(() -> new HttpCollectorSink(uri, timeout));
        }
        if (sinks.isEmpty()) {
            throw section.error("names no sink: add file: {path: decisions.jsonl} or http: {url: ...}");
        }
        ConfigSection mask = section.section("mask");
        mask.requireKnownKeys(Set.of("keep", "drop"));
        List<String> keep = paths(mask, "keep");
        List<String> drop = paths(mask, "drop");
        Map<String, String> labels = new LinkedHashMap<>();
        ConfigSection l = section.section("labels");
        for (Iterator<String> it = l.tree().fieldNames(); it.hasNext(); ) {
            String k = it.next();
            labels.put(k, l.string(k, ""));
        }
        double rate = sampleRate(section);
        int bufferSize = section.integer("buffer_size", 1, 10_000_000, 10_000);
        int batchSize = section.integer("batch_size", 1, 100_000, 500);
        Duration flush = section.duration("flush_interval").orElse(Duration.ofSeconds(1));
        return () -> DecisionLogger.of(
                sinks.stream().map(Supplier::get).toList(),
                rate,
                new EventDocuments(labels, keep, drop),
                new DecisionCounts(),
                bufferSize,
                batchSize,
                flush);
    }

    private static List<String> paths(ConfigSection mask, String key) {
        List<String> paths = mask.strings(key);
        for (String p : paths) {
            if (!p.startsWith("/input/") && !p.startsWith("/result/")) {
                throw mask.error(
                        key,
                        "'" + p + "' is not a path under /input/ or /result/ (JSON pointer, as OPA's"
                                + " system.log.mask), such as /input/justification");
            }
        }
        return paths;
    }

    private static double sampleRate(ConfigSection section) {
        var v = section.tree().path("allow_sample_rate");
        if (v.isMissingNode() || v.isNull()) {
            return 1.0;
        }
        if (!v.isNumber() || v.doubleValue() < 0 || v.doubleValue() > 1) {
            throw section.error(
                    "allow_sample_rate", "must be a number from 0 to 1, such as 0.01, was '" + v.asText() + "'");
        }
        return v.doubleValue();
    }
}
