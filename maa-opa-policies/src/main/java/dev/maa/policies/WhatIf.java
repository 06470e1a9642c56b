package dev.maa.policies;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.MaaConfigurationException;
import dev.maa.policies.internal.PolicyModules;
import dev.maa.policies.internal.ReplayMemo;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * {@code maa policy what-if}: replays recorded decision inputs (decision-log events, OPA's format) against a
 * candidate policy set and counts how each outcome would change, by access policy and by protected method.
 *
 * <p>Why: a policy change is approved by a second administrator, who should see what it does to real traffic
 * ("this change would have parked 312 calls of AppCatalog.deleteApp") and not only its diff. Outcomes compared are
 * the policy's: {@code allow}, {@code deny}, {@code require_approval} and the audit-mode {@code would_deny} /
 * {@code would_require_approval}; the same effect with other approval factors is a factor change. A change is
 * attributed to the policies that decided it before or after but not both (an added, removed or narrowed policy),
 * else to every policy that decided it.
 */
public final class WhatIf {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POLICY_IN_REASON = Pattern.compile("ccess policy '([^']+)'");
    private static final int CHUNK = 8192;
    /** The policy column of a change no access policy decided (the set's default_effect). */
    public static final String DEFAULT_EFFECT = "(default_effect)";

    private WhatIf() {}

    /** One cell of the change matrix: {@code count} recorded decisions of {@code key} went {@code from} → {@code to}. */
    public record Row(String key, String from, String to, long count, String example) {}

    /** The change matrix: by policy and by method, with the number of decisions read and unchanged. */
    public record Report(long decisions, long unchanged, long unreadable, List<Row> byPolicy, List<Row> byMethod) {

        /** The report as text: two tables, one line per change, with an example input each. */
        public String text() {
            StringBuilder b = new StringBuilder();
            b.append("Replayed ")
                    .append(decisions)
                    .append(" recorded decisions: ")
                    .append(decisions - unchanged)
                    .append(" would change, ")
                    .append(unchanged)
                    .append(" unchanged");
            if (unreadable > 0) {
                b.append(", ").append(unreadable).append(" unreadable lines skipped");
            }
            b.append(".\n");
            table(b, "By access policy", "POLICY", byPolicy);
            table(b, "By protected method", "METHOD", byMethod);
            return b.toString();
        }

        private static void table(StringBuilder b, String title, String column, List<Row> rows) {
            b.append('\n').append(title).append(":\n");
            if (rows.isEmpty()) {
                b.append("  (no changes)\n");
                return;
            }
            int w = Math.max(
                    column.length(),
                    rows.stream().mapToInt(r -> r.key().length()).max().orElse(0));
            int c = rows.stream()
                    .mapToInt(r -> (r.from() + " -> " + r.to()).length())
                    .max()
                    .orElse(0);
            b.append(String.format(
                    "  %-" + w + "s  %-" + c + "s  %7s  %s%n", column, "CHANGE", "COUNT", "EXAMPLE INPUT"));
            for (Row r : rows) {
                b.append(String.format(
                        "  %-" + w + "s  %-" + c + "s  %7d  %s%n",
                        r.key(),
                        r.from() + " -> " + r.to(),
                        r.count(),
                        r.example()));
            }
        }

        /**
         * One line for a request page: how many of the decisions recorded in the last {@code window} would change,
         * and the largest change by protected method ("312 calls of com.acme.AppCatalog.deleteApp: allow ->
         * require_approval").
         */
        public String summary(String window) {
            String head = "Of " + decisions + " decisions recorded in the last " + window + ", "
                    + (decisions - unchanged) + " would change";
            return byMethod.stream()
                    .max(Comparator.comparingLong(Row::count))
                    .map(r ->
                            head + "; most: " + r.count() + " calls of " + r.key() + ": " + r.from() + " -> " + r.to())
                    .orElse(head);
        }

        /** The report for tooling ({@code --json}). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("decisions", decisions);
            m.put("changed", decisions - unchanged);
            m.put("unchanged", unchanged);
            m.put("unreadable", unreadable);
            m.put("by_policy", rows(byPolicy, "policy"));
            m.put("by_method", rows(byMethod, "method"));
            return m;
        }

        /** The example input as the JSON object it was recorded as (text only if it no longer parses). */
        private static Object exampleInput(String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                return text;
            }
        }

        private static List<Map<String, Object>> rows(List<Row> rows, String key) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(key, r.key());
                m.put("from", r.from());
                m.put("to", r.to());
                m.put("count", r.count());
                m.put("example_input", exampleInput(r.example()));
                out.add(m);
            }
            return out;
        }
    }

    /** Replays every event of {@code files} (JSON lines, as the decision log's file sink writes) against {@code candidate}. */
    public static Report run(PolicySet candidate, List<Path> files) {
        return run(candidate, files, Instant.MIN);
    }

    /**
     * Replays the events of {@code files} stamped at or after {@code since} (the recent log: a policy-change
     * request's impact); an event without a readable {@code timestamp} is replayed.
     */
    public static Report run(PolicySet candidate, List<Path> files, Instant since) {
        return run(candidate, files, since, () -> false);
    }

    /**
     * As {@link #run(PolicySet, List, Instant)}, stopped with {@link CancellationException} between chunks of events
     * once {@code cancelled} says so or the thread is interrupted (a server shutting down).
     */
    public static Report run(PolicySet candidate, List<Path> files, Instant since, BooleanSupplier cancelled) {
        try (EmbeddedRegoPolicyEngine engine =
                EmbeddedRegoPolicyEngine.builder().policySet(candidate).build()) {
            Matrix m = new Matrix(since, engine, ReplayMemo.of(PolicyModules.compose(candidate)), cancelled);
            long line = 0;
            for (Path f : files) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    List<String> chunk = new ArrayList<>(CHUNK);
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        if (!l.isBlank()) {
                            chunk.add(l);
                        }
                        if (chunk.size() == CHUNK) {
                            m.replay(chunk, line);
                            line += chunk.size();
                            chunk.clear();
                        }
                    }
                    m.replay(chunk, line);
                    line += chunk.size();
                } catch (IOException e) {
                    throw new MaaConfigurationException(
                            "Cannot read the decision log " + f + ": " + e.getMessage()
                                    + ". Pass JSON-lines files written by decision_logs.file (--decisions FILE).",
                            e);
                }
            }
            return m.report();
        }
    }

    /** What a replay reads of one event: its input, its result and its timestamp; the rest is skipped unparsed. */
    private record Recorded(ObjectNode input, JsonNode result, String timestamp) {

        /** The event on {@code line}, or {@code null} if it is not a JSON object with an input and a result. */
        static Recorded parse(String line) {
            try (JsonParser p = JSON.getFactory().createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                ObjectNode input = null;
                JsonNode result = null;
                String timestamp = "";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "input" -> input = value == JsonToken.START_OBJECT ? JSON.readTree(p) : null;
                        case "result" -> result = value == JsonToken.START_OBJECT ? JSON.readTree(p) : null;
                        case "timestamp" -> timestamp = value == JsonToken.VALUE_STRING ? p.getText() : "";
                        default -> p.skipChildren();
                    }
                }
                return input == null || result == null ? null : new Recorded(input, result, timestamp);
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** The outcome, policies and factors of one decision document ({@code result} of an event, or a fresh one). */
    private record Outcome(String name, Set<String> policies, Set<String> factors) {
        static Outcome of(JsonNode result) {
            String effect = result.path("effect").asText("");
            Set<String> policies = new TreeSet<>();
            Set<String> factors = new TreeSet<>();
            for (JsonNode f : result.path("factors")) {
                policies.add(f.path("policy").asText());
                Set<String> groups = new TreeSet<>();
                f.path("approver_groups").forEach(g -> groups.add(g.asText()));
                factors.add(f.path("policy").asText() + " " + groups + " "
                        + f.path("required_approvals").asInt() + " "
                        + f.path("approval_assurance").asText("session"));
            }
            boolean deny = false;
            for (JsonNode a : result.path("audit")) {
                policies.add(a.path("policy").asText());
                deny |= a.path("effect").asText().equals("deny");
            }
            for (JsonNode reason : result.path("reasons")) {
                Matcher m = POLICY_IN_REASON.matcher(reason.asText());
                while (m.find()) {
                    policies.add(m.group(1));
                }
            }
            String name = effect.equals("allow") && result.path("audit").size() > 0
                    ? (deny ? "would_deny" : "would_require_approval")
                    : effect;
            return new Outcome(name, policies, factors);
        }
    }

    private record Cell(String key, String from, String to) {}

    private static final class Tally {
        long count;
        long firstLine = Long.MAX_VALUE;
        JsonNode example;

        synchronized void add(long line, JsonNode input) {
            count++;
            if (line < firstLine) {
                firstLine = line;
                example = input;
            }
        }
    }

    private static final class Matrix {
        private final Instant since;
        private final EmbeddedRegoPolicyEngine engine;
        private final ReplayMemo<Outcome> memo;
        private final BooleanSupplier cancelled;
        private final Map<Cell, Tally> byPolicy = new ConcurrentHashMap<>();
        private final Map<Cell, Tally> byMethod = new ConcurrentHashMap<>();
        private long decisions;
        private long unchanged;
        private long unreadable;

        Matrix(Instant since, EmbeddedRegoPolicyEngine engine, ReplayMemo<Outcome> memo, BooleanSupplier cancelled) {
            this.since = since;
            this.cancelled = cancelled;
            this.engine = engine;
            this.memo = memo;
        }

        /** Replays {@code lines} on every core; throws {@link CancellationException} once the replay is cancelled. */
        void replay(List<String> lines, long firstLine) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new CancellationException("what-if replay interrupted after " + firstLine + " events");
            }
            long[] counts = IntStream.range(0, lines.size())
                    .parallel()
                    .mapToObj(i -> one(lines.get(i), firstLine + i))
                    .collect(() -> new long[4], (a, r) -> a[r]++, (a, b) -> {
                        for (int i = 0; i < 4; i++) {
                            a[i] += b[i];
                        }
                    });
            decisions += counts[0] + counts[1];
            unchanged += counts[1];
            unreadable += counts[2];
        }

        private Outcome evaluate(ObjectNode input) {
            @SuppressWarnings("unchecked")
            Map<String, Object> in = JSON.convertValue(input, Map.class);
            return Outcome.of(JSON.valueToTree(engine.decisionDocument(in)));
        }

        /** 0 changed, 1 unchanged, 2 unreadable, 3 older than {@code since}. */
        private int one(String line, long index) {
            Recorded event = Recorded.parse(line);
            if (event == null) {
                return 2;
            }
            if (since != Instant.MIN && before(event.timestamp(), since)) {
                return 3;
            }
            ObjectNode input = event.input();
            Outcome before = Outcome.of(event.result());
            Outcome after = memo.get(input, this::evaluate);
            String to = after.name();
            if (before.name().equals(to)) {
                if (before.factors().equals(after.factors())) {
                    return 1;
                }
                to = to + " (factors changed)";
            }
            Set<String> changed = new TreeSet<>(before.policies());
            changed.addAll(after.policies());
            Set<String> both = new TreeSet<>(before.policies());
            both.retainAll(after.policies());
            if (!changed.equals(both)) {
                changed.removeAll(both);
            }
            if (changed.isEmpty()) {
                changed.add(DEFAULT_EFFECT);
            }
            for (String p : changed) {
                byPolicy.computeIfAbsent(new Cell(p, before.name(), to), c -> new Tally())
                        .add(index, input);
            }
            String method = input.path("operation").path("class").asText("") + "."
                    + input.path("operation").path("method").asText("");
            byMethod.computeIfAbsent(new Cell(method, before.name(), to), c -> new Tally())
                    .add(index, input);
            return 0;
        }

        private static boolean before(String timestamp, Instant since) {
            try {
                return Instant.parse(timestamp).isBefore(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        Report report() {
            return new Report(decisions, unchanged, unreadable, rows(byPolicy), rows(byMethod));
        }

        private static List<Row> rows(Map<Cell, Tally> cells) {
            Map<Cell, Tally> sorted = new TreeMap<>(
                    Comparator.comparing(Cell::key).thenComparing(Cell::from).thenComparing(Cell::to));
            sorted.putAll(cells);
            List<Row> rows = new ArrayList<>();
            sorted.forEach((c, t) -> rows.add(new Row(c.key(), c.from(), c.to(), t.count, t.example.toString())));
            return rows;
        }
    }
}
