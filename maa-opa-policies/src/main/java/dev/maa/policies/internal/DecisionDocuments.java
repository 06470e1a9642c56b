package dev.maa.policies.internal;

import dev.maa.api.ApprovalAssurance;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditFinding;
import dev.maa.api.CompletionMode;
import dev.maa.api.Decision;
import dev.maa.api.Durations;
import dev.maa.api.Effect;
import dev.maa.api.Factor;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.api.Principal;
import dev.maa.api.Reminders;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Converts between the Java API and the Rego documents, the same way for every engine. Reading a
 * decision is strict: a missing or mistyped field is a broken policy, and a broken policy must not
 * let a call through, so it becomes {@link PolicyUnavailableException} (fail closed). Fields the
 * contract does not name (e.g. {@code break_glass}) are tolerated so that policies can grow.
 */
public final class DecisionDocuments {

    private DecisionDocuments() {}

    private static final Comparator<Factor> FACTOR_ORDER =
            Comparator.comparingInt(Factor::stage).thenComparing(Factor::policy);

    private static final Comparator<AuditFinding> FINDING_ORDER = Comparator.comparing(AuditFinding::policy);

    /** Maps {@code data.maa.decision}; {@code where} names the engine and revision for the message. */
    public static Decision toDecision(Object document, String revision, String where) {
        try {
            return read(document, revision);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new PolicyUnavailableException(
                    "Malformed data.maa.decision from " + where + " (revision " + revision + "): " + e.getMessage()
                            + ". Fix the policy; 'maa policy eval' shows the raw document.",
                    e);
        }
    }

    /** As {@link #toDecision(Object, String, String)} for the Rego value of an embedded evaluation. */
    public static Decision toDecision(Value document, String revision, String where) {
        return toDecision(ValueDocuments.view(document), revision, where);
    }

    private static Decision read(Object document, String revision) {
        if (!(document instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("expected an object but got " + typeName(document));
        }
        Effect effect = Effect.fromWireName(string(m, "effect"));
        List<Factor> factors = new ArrayList<>();
        for (Object f : collection(m, "factors")) {
            factors.add(factor(f, "factors"));
        }
        factors.sort(FACTOR_ORDER);
        if (effect != Effect.REQUIRE_APPROVAL && !factors.isEmpty()) {
            throw new IllegalArgumentException("effect " + effect.wireName() + " must not carry factors");
        }
        Object ttlValue = field(m, "ttl");
        Duration ttl = null;
        if (ttlValue != null) {
            if (!(ttlValue instanceof String s)) {
                throw new IllegalArgumentException(
                        "ttl must be a duration string like \"24h\" or null but got " + typeName(ttlValue));
            }
            ttl = Durations.parse(s);
        }
        String completion = string(m, "completion");
        if (!completion.equals("manual") && !completion.equals("auto")) {
            throw new IllegalArgumentException("completion must be manual or auto but was '" + completion + "'");
        }
        List<String> reasons = new ArrayList<>();
        for (Object r : collection(m, "reasons")) {
            if (!(r instanceof String s)) {
                throw new IllegalArgumentException("reasons must hold strings but got " + typeName(r));
            }
            reasons.add(s);
        }
        reasons.sort(null);
        Object window = m.get("execution_window"); // optional: older bundles and custom decisions have none
        if (window != null && !(window instanceof String)) {
            throw new IllegalArgumentException(
                    "execution_window must be a duration string like \"2h\" or null but got " + typeName(window));
        }
        return new Decision(
                effect,
                factors,
                ttl,
                CompletionMode.fromWireName(completion),
                bool(m, "justification_required"),
                reasons,
                revision,
                window == null || effect != Effect.REQUIRE_APPROVAL ? null : Durations.parse((String) window),
                effect != Effect.REQUIRE_APPROVAL ? null : reminders(m, factors),
                audit(m),
                m.containsKey("enforcement_pinned") && bool(m, "enforcement_pinned"));
    }

    /**
     * Each factor's own {@code remind_after} and {@code escalate_after} (one schedule per factor policy), else the
     * decision's {@code remind_after}, {@code escalate_after} and {@code escalation_groups} as one schedule for all
     * factors: optional, as older bundles lack them.
     */
    private static Reminders reminders(Map<?, ?> m, List<Factor> factors) {
        Map<String, Reminders.Schedule> schedules = new java.util.LinkedHashMap<>();
        for (Object f : collection(m, "factors")) {
            Map<?, ?> fm = (Map<?, ?>) f; // factor(...) checked it is an object
            Reminders.Schedule s = Reminders.Schedule.of(
                    string(fm, "policy"), optionalDuration(fm, "remind_after"), optionalDuration(fm, "escalate_after"));
            if (s != null) {
                schedules.putIfAbsent(s.policy(), s);
            }
        }
        if (!schedules.isEmpty()) {
            Set<String> groups = new TreeSet<>();
            factors.forEach(f -> groups.addAll(f.escalationGroups()));
            return Reminders.of(List.copyOf(schedules.values()), groups);
        }
        return decisionReminders(m);
    }

    private static Reminders decisionReminders(Map<?, ?> m) {
        Duration remind = optionalDuration(m, "remind_after");
        Duration escalate = optionalDuration(m, "escalate_after");
        Object groups = m.get("escalation_groups");
        Set<String> names = new TreeSet<>();
        if (groups != null) {
            if (!(groups instanceof List<?> list) || list.stream().anyMatch(g -> !(g instanceof String))) {
                throw new IllegalArgumentException(
                        "escalation_groups must be a list of group names but got " + typeName(groups));
            }
            list.forEach(g -> names.add((String) g));
        }
        return Reminders.of(remind, escalate, names);
    }

    private static Duration optionalDuration(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(
                    key + " must be a duration string like \"8h\" or null but got " + typeName(v));
        }
        return v == null ? null : Durations.parse((String) v);
    }

    /** The optional {@code audit} findings (policies older than enforcement modes have none). */
    private static List<AuditFinding> audit(Map<?, ?> m) {
        if (!m.containsKey("audit")) {
            return List.of();
        }
        List<AuditFinding> findings = new ArrayList<>();
        for (Object a : collection(m, "audit")) {
            if (!(a instanceof Map<?, ?> am)) {
                throw new IllegalArgumentException("audit: each finding must be an object but got " + typeName(a));
            }
            Effect effect = Effect.fromWireName(string(am, "effect"));
            String policy = string(am, "policy");
            findings.add(
                    new AuditFinding(policy, effect, effect == Effect.REQUIRE_APPROVAL ? factor(am, "audit") : null));
        }
        findings.sort(FINDING_ORDER);
        return findings;
    }

    private static Factor factor(Object f, String where) {
        if (!(f instanceof Map<?, ?> fm)) {
            throw new IllegalArgumentException(where + ": each factor must be an object but got " + typeName(f));
        }
        List<String> groups = new ArrayList<>();
        for (Object g : collection(fm, "approver_groups")) {
            if (!(g instanceof String s)) {
                throw new IllegalArgumentException(
                        where + ": approver_groups must hold strings but got " + typeName(g));
            }
            groups.add(s);
        }
        Object assurance = fm.get("approval_assurance");
        if (assurance != null && !(assurance instanceof String)) {
            throw new IllegalArgumentException(
                    where + ": approval_assurance must be a string but got " + typeName(assurance));
        }
        List<String> escalation = new ArrayList<>(); // optional: older bundles and custom factors name none
        for (Object g : fm.containsKey("escalation_groups") ? collection(fm, "escalation_groups") : List.of()) {
            if (!(g instanceof String name)) {
                throw new IllegalArgumentException(
                        where + ": escalation_groups must hold strings but got " + typeName(g));
            }
            escalation.add(name);
        }
        return new Factor( // which copies the groups into sets
                string(fm, "policy"),
                Set.copyOf(groups),
                integer(fm, "required_approvals"),
                ApprovalAssurance.fromWire((String) assurance),
                fm.containsKey("stage") ? integer(fm, "stage") : 1,
                Set.copyOf(escalation));
    }

    /** Reads {@code data.maa.review.allowed}; anything but a boolean is a broken policy. */
    public static boolean toReviewAllowed(Object value, String revision, String where) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new PolicyUnavailableException(
                "data.maa.review.allowed from " + where + " (revision " + revision + ") is " + typeName(value)
                        + ", expected true or false.",
                null);
    }

    /** The review input: {@code {reviewer:{id,groups,roles}, request:{id,requester,resource,action,factors,scope_tags,…}}}. */
    public static Map<String, Object> reviewInput(Principal reviewer, ApprovalRequest request) {
        Map<String, Object> rv = new LinkedHashMap<>();
        rv.put("id", reviewer.id());
        rv.put("groups", List.copyOf(new TreeSet<>(reviewer.groups())));
        rv.put("roles", List.copyOf(new TreeSet<>(reviewer.roles())));
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("type", request.resource().typeName());
        res.put("id", request.resource().objectId());
        res.put("platform", request.resource().platform().name().toLowerCase(Locale.ROOT));
        List<String> tags = List.copyOf(new TreeSet<>(request.resource().scopeTags()));
        res.put("scope_tags", tags);
        List<Map<String, Object>> factors = new ArrayList<>();
        for (Factor f : request.factors()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("policy", f.policy());
            fm.put("approver_groups", List.copyOf(new TreeSet<>(f.approverGroups())));
            fm.put("required_approvals", f.requiredApprovals());
            fm.put("approval_assurance", f.assurance().wireName());
            fm.put("stage", f.stage());
            factors.add(fm);
        }
        Map<String, Object> rq = new LinkedHashMap<>();
        rq.put("id", request.id());
        rq.put("requester", request.requester().id());
        rq.put("resource", res);
        rq.put("action", request.action().name());
        rq.put("factors", factors);
        rq.put("scope_tags", tags);
        rq.put("emergency", request.emergency());
        rq.put("urgent", request.urgent());
        rq.put("status", request.status().name());
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("reviewer", rv);
        in.put("request", rq);
        return in;
    }

    /**
     * The value at {@code key}, read once (a null value is told from a missing field only then): an embedded
     * decision reads these fields from the Rego value itself, where each read is a key lookup.
     */
    private static Object field(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null && !m.containsKey(key)) {
            throw new IllegalArgumentException("missing field '" + key + "'");
        }
        return v;
    }

    private static String string(Map<?, ?> m, String key) {
        Object v = field(m, key);
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(key + " must be a string but got " + typeName(v));
    }

    private static boolean bool(Map<?, ?> m, String key) {
        Object v = field(m, key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(key + " must be true or false but got " + typeName(v));
    }

    private static Collection<?> collection(Map<?, ?> m, String key) {
        Object v = field(m, key);
        if (v instanceof Collection<?> c) {
            return c;
        }
        throw new IllegalArgumentException(key + " must be an array but got " + typeName(v));
    }

    private static int integer(Map<?, ?> m, String key) {
        Object v = field(m, key);
        try {
            if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                return Math.toIntExact(((Number) v).longValue());
            }
            if (v instanceof BigInteger b) {
                return b.intValueExact();
            }
            if (v instanceof BigDecimal d) {
                return d.intValueExact();
            }
            if (v instanceof Double d && d == Math.rint(d)) {
                return Math.toIntExact(d.longValue());
            }
        } catch (ArithmeticException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(key + " must be a whole number but got " + v);
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof Collection) {
            return "an array";
        }
        if (v instanceof Number) {
            return "a number (" + v + ")";
        }
        if (v instanceof Boolean) {
            return "a boolean (" + v + ")";
        }
        return v instanceof String ? "a string" : v.getClass().getSimpleName();
    }
}
