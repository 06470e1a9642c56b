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
import java.util.TreeMap;

/** Runs one conformance case and compares with OPA's expectation, the way OPA's runner does. */
final class CaseRunner {
  private static final EvalLimits LIMITS = EvalLimits.of(20_000_000L, 400, Duration.ofSeconds(10));

  private CaseRunner() {}

  static CaseResult run(String category, String file, JsonNode c) {
    String note = c.path("note").asText("");
    try {
      String reason = check(c);
      return reason == null
          ? new CaseResult(category, file, note, CaseResult.Status.PASSED, "")
          : new CaseResult(category, file, note, CaseResult.Status.FAILED, reason);
    } catch (RegoUnsupportedException e) {
      return new CaseResult(category, file, note, CaseResult.Status.SKIPPED, "unsupported: " + e.text());
    } catch (RuntimeException | StackOverflowError e) {
      return new CaseResult(category, file, note, CaseResult.Status.FAILED, "crash: " + e);
    }
  }

  /** Returns null when the case passes, else the reason. */
  private static String check(JsonNode c) {
    boolean wantsError = c.has("want_error") || c.has("want_error_code");
    RegoEngine.Builder b = RegoEngine.builder().limits(LIMITS)
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
        input = RegoEngine.builder().build().prepare(c.get("input_term").asText()).eval(null).rawValue();
      } else if (c.has("input")) {
        input = Values.fromJson(c.get("input"));
      }
      PreparedQuery q = engine.prepare(c.path("query").asText());
      result = q.evalValue(input);
      if (wantsError) {
        return "expected error " + c.path("want_error_code").asText("") + " " + c.path("want_error").asText("")
            + " but got " + bindingsText(result);
      }
    } catch (RegoUnsupportedException e) {
      throw e;
    } catch (RegoException e) {
      if (!wantsError) {
        return "unexpected error: " + e.opaMessage();
      }
      if (c.has("want_error_code") && !c.get("want_error_code").asText().equals(e.code())) {
        return "error code " + e.code() + " but want " + c.get("want_error_code").asText() + " (" + e.opaMessage() + ")";
      }
      if (c.has("want_error") && !e.opaMessage().contains(c.get("want_error").asText())) {
        return "error message '" + e.opaMessage() + "' does not contain '" + c.get("want_error").asText() + "'";
      }
      return null;
    }
    if (!c.has("want_result")) {
      return null;
    }
    List<Value> want = new ArrayList<>();
    for (JsonNode w : c.get("want_result")) {
      want.add(Values.fromJson(w));
    }
    List<Value> got = new ArrayList<>();
    for (Map<String, Value> s : result.rawBindings()) {
      TreeMap<Value, Value> m = new TreeMap<>();
      s.forEach((k, v) -> m.put(new StringValue(k), jsonNormal(v)));
      got.add(ObjectValue.of(m));
    }
    if (c.path("sort_bindings").asBoolean(false)) {
      Collections.sort(want);
      Collections.sort(got);
    }
    if (!want.equals(got)) {
      return "want " + want + " but got " + got;
    }
    return null;
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
