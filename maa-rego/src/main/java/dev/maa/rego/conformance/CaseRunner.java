package dev.maa.rego.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.rego.EvalLimits;
import dev.maa.rego.PreparedQuery;
import dev.maa.rego.QueryResult;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoException;
import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs one conformance case and compares with OPA's expectation, the way OPA's runner does. */
final class CaseRunner {
    /** Builtins that need the network: the embedded engine refuses them by design. */
    static final Set<String> NETWORK_BUILTINS = Set.of("http.send", "net.lookup_ip_addr");

    private static final Pattern UNSUPPORTED_BUILTIN =
            Pattern.compile("builtin (\\S+) is not supported: .*", Pattern.DOTALL);
    private static final Pattern UNDEFINED_FUNCTION = Pattern.compile("undefined function (\\S+)");
    private static final EvalLimits LIMITS = EvalLimits.of(20_000_000L, 400, Duration.ofSeconds(10));

    private CaseRunner() {}

    static CaseResult run(String category, String file, JsonNode c) {
        String note = c.path("note").asText("");
        Failure f;
        try {
            f = check(c);
        } catch (RegoUnsupportedException e) {
            f = new Failure(CaseResult.Status.SKIPPED, "unsupported: " + e.text(), e);
        } catch (RuntimeException | StackOverflowError e) {
            f = new Failure(CaseResult.Status.FAILED, "crash: " + e, null);
        }
        if (f == null) {
            return CaseResult.passed(category, file, note);
        }
        String superseded = f.status() == CaseResult.Status.FAILED
                        && f.engineError() == null
                        && !f.reason().startsWith("crash:")
                ? Superseded.why(file, note)
                : null;
        if (superseded != null) {
            return new CaseResult(
                    category,
                    file,
                    note,
                    f.status(),
                    CaseResult.Cause.SUPERSEDED,
                    "",
                    f.reason() + " (superseded: the case " + superseded + ")");
        }
        String builtin = f.engineError() == null ? null : missingBuiltin(f.engineError());
        CaseResult.Cause cause = builtin == null
                ? CaseResult.Cause.OTHER
                : NETWORK_BUILTINS.contains(builtin) ? CaseResult.Cause.NETWORK : CaseResult.Cause.MISSING_BUILTIN;
        return new CaseResult(category, file, note, f.status(), cause, builtin == null ? "" : builtin, f.reason());
    }

    /**
     * The builtin the engine refused or did not know, from its own error, or null. A case counts as
     * needing a missing builtin only when that refusal is what the engine answered; an unresolved
     * {@code data.} function is the engine's fault, not a missing builtin.
     */
    static String missingBuiltin(RegoException e) {
        Matcher m =
                (e instanceof RegoUnsupportedException ? UNSUPPORTED_BUILTIN : UNDEFINED_FUNCTION).matcher(e.text());
        boolean refusal = e instanceof RegoUnsupportedException || "rego_type_error".equals(e.code());
        return refusal && m.matches() && !m.group(1).startsWith("data.") ? m.group(1) : null;
    }

    /** Why a case did not pass: its status, the reason and the engine's error if it raised one. */
    private record Failure(CaseResult.Status status, String reason, RegoException engineError) {
        static Failure failed(String reason) {
            return new Failure(CaseResult.Status.FAILED, reason, null);
        }
    }

    /** Returns null when the case passes, else why not. */
    private static Failure check(JsonNode c) {
        boolean wantsError = c.has("want_error") || c.has("want_error_code");
        RegoEngine.Builder b = RegoEngine.builder()
                .limits(LIMITS)
                .strictBuiltinErrors(c.path("strict_error").asBoolean(false));
        JsonNode modules = c.path("modules");
        for (int i = 0; i < modules.size(); i++) {
            b.module("test-" + i + ".rego", modules.get(i).asText());
        }
        if (c.has("data") && !c.get("data").isNull()) {
            b.data(c.get("data"));
        }
        QueryResult result;
        try {
            RegoEngine engine = b.build();
            Value input = null;
            if (c.has("input_term")) {
                input = RegoEngine.builder()
                        .build()
                        .prepare(c.get("input_term").asText())
                        .eval(null)
                        .rawValue();
            } else if (c.has("input")) {
                input = Values.fromJson(c.get("input"));
            }
            PreparedQuery q = engine.prepare(c.path("query").asText());
            result = q.evalValue(input);
            if (wantsError) {
                return Failure.failed(
                        "expected error " + c.path("want_error_code").asText("") + " "
                                + c.path("want_error").asText("") + " but got " + bindingsText(result));
            }
        } catch (RegoUnsupportedException e) {
            throw e;
        } catch (RegoException e) {
            String reason = null;
            if (!wantsError) {
                reason = "unexpected error: " + e.opaMessage();
            } else if (c.has("want_error_code")
                    && !c.get("want_error_code").asText().equals(e.code())) {
                reason = "error code " + e.code() + " but want "
                        + c.get("want_error_code").asText() + " (" + e.opaMessage() + ")";
            } else if (c.has("want_error")
                    && !e.opaMessage().contains(c.get("want_error").asText())) {
                reason = "error message '" + e.opaMessage() + "' does not contain '"
                        + c.get("want_error").asText() + "'";
            }
            return reason == null ? null : new Failure(CaseResult.Status.FAILED, reason, e);
        }
        if (!c.has("want_result")) {
            return null;
        }
        // As OPA's runner: the result rows form a set; sort_bindings sorts each array binding of the
        // engine's rows (never the expectation).
        boolean sortBindings = c.path("sort_bindings").asBoolean(false);
        Set<Value> want = new TreeSet<>();
        for (JsonNode w : c.get("want_result")) {
            want.add(Values.fromJson(w));
        }
        Set<Value> got = new TreeSet<>();
        for (Map<String, Value> s : result.rawBindings()) {
            TreeMap<Value, Value> m = new TreeMap<>();
            s.forEach((k, v) -> m.put(new StringValue(k), sortBindings ? sorted(jsonNormal(v)) : jsonNormal(v)));
            got.add(ObjectValue.of(m));
        }
        if (!want.equals(got)) {
            return Failure.failed("want " + want + " but got " + got);
        }
        return null;
    }

    private static Value sorted(Value v) {
        if (!(v instanceof ArrayValue a)) {
            return v;
        }
        List<Value> items = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            items.add(a.get(i));
        }
        Collections.sort(items);
        return ArrayValue.of(items);
    }

    private static String bindingsText(QueryResult r) {
        return r.rawBindings().toString();
    }

    /** The value as JSON would carry it: sets become arrays, non-string keys their JSON text. */
    static Value jsonNormal(Value v) {
        if (v instanceof SetValue s) {
            List<Value> items = new ArrayList<>();
            s.items().forEach(i -> items.add(jsonNormal(i)));
            return ArrayValue.of(items);
        }
        if (v instanceof ArrayValue a) {
            Value[] items = new Value[a.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = jsonNormal(a.get(i));
            }
            return ArrayValue.wrap(items);
        }
        if (v instanceof ObjectValue o) {
            TreeMap<Value, Value> m = new TreeMap<>();
            for (int i = 0; i < o.size(); i++) {
                Value k = o.keyAt(i);
                m.put(k instanceof StringValue ? k : new StringValue(k.toJson()), jsonNormal(o.valueAt(i)));
            }
            return ObjectValue.of(m);
        }
        return v;
    }
}
