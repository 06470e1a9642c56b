package dev.maa.core.decisionlog;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.AuditFinding;
import dev.maa.api.Decision;
import dev.maa.api.Factor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Builds OPA decision-log events (the fields of OPA's decision log API: {@code decision_id}, {@code path},
 * {@code input}, {@code result}, {@code bundles}, {@code timestamp}, {@code labels}, {@code erased}, {@code masked};
 * MAA's own in {@code custom}) and masks them. Runs on the background thread, never the caller's.
 *
 * <p>Masking, like OPA's {@code system.log.mask}: the arguments of the call ({@code /input/operation/arguments})
 * are replaced by the call's digest unless {@code keep} lists that path; every path in {@code drop} is erased.
 */
public final class EventDocuments {

    /** The masked-by-default path of the call's arguments. */
    public static final String ARGUMENTS = "/input/operation/arguments";

    /** The decision's path, as OPA names the rule that decided. */
    public static final String PATH = "maa/decision";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> labels;
    private final boolean keepArguments;
    private final List<String> drop;

    /** With {@code labels} on every event, {@code keep} lifting default masks, {@code drop} erasing paths. */
    public EventDocuments(Map<String, String> labels, List<String> keep, List<String> drop) {
        this.labels = Map.copyOf(labels);
        this.keepArguments = keep.contains(ARGUMENTS);
        this.drop = List.copyOf(drop);
    }

    /** The event as one line of JSON. */
    public String toJson(DecisionEvent e, Instant timestamp) {
        try {
            return JSON.writeValueAsString(document(e, timestamp));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("decision event not writable as JSON: " + x.getOriginalMessage(), x);
        }
    }

    /** The event document, masked. */
    public ObjectNode document(DecisionEvent e, Instant timestamp) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("decision_id", UUID.randomUUID().toString());
        doc.put("path", PATH);
        ObjectNode input = JSON.valueToTree(e.input().toMap());
        ArrayNode masked = JSON.createArrayNode();
        if (e.parked() != null) {
            ObjectNode op = (ObjectNode) input.path("operation");
            if (keepArguments) {
                op.set("arguments", arguments(e.parked().payload()));
            } else {
                op.put("arguments", "sha256:" + e.parked().digest());
                masked.add(ARGUMENTS);
            }
        }
        doc.set("input", input);
        doc.set("result", result(e.decision()));
        doc.putObject("bundles").putObject("maa").put("revision", e.decision().policyRevision());
        doc.put("timestamp", timestamp.toString());
        ObjectNode l = doc.putObject("labels");
        new java.util.TreeMap<>(labels).forEach(l::put);
        ArrayNode erased = JSON.createArrayNode();
        for (String path : drop) {
            if (erase(doc, path)) {
                erased.add(path);
            }
        }
        if (!erased.isEmpty()) {
            doc.set("erased", erased);
        }
        if (!masked.isEmpty()) {
            doc.set("masked", masked);
        }
        ObjectNode custom = doc.putObject("custom");
        custom.put("outcome", e.outcome());
        custom.put(
                "operation",
                e.input().operation() == null ? "" : e.input().operation().signature());
        custom.put("sample_rate", e.sampleRate());
        return doc;
    }

    private static JsonNode arguments(String payload) {
        try {
            return JSON.readTree(payload).path("args");
        } catch (JsonProcessingException x) {
            return JSON.getNodeFactory().textNode("unreadable");
        }
    }

    private static boolean erase(ObjectNode doc, String path) {
        JsonPointer p = JsonPointer.compile(path);
        JsonNode parent = doc.at(p.head());
        String last = p.last().getMatchingProperty();
        return parent instanceof ObjectNode o && o.remove(last) != null;
    }

    /** {@code data.maa.decision} as the policy wrote it (effect, factors, ttl, completion, reasons, audit). */
    public static ObjectNode result(Decision d) {
        ObjectNode r = JSON.createObjectNode();
        r.put("effect", d.effect().wireName());
        ArrayNode factors = r.putArray("factors");
        d.factors().forEach(f -> factors.add(factor(f)));
        r.put("ttl", d.ttl() == null ? null : dev.maa.api.Durations.format(d.ttl()));
        r.put("completion", d.completion().wireName());
        r.put("justification_required", d.justificationRequired());
        ArrayNode reasons = r.putArray("reasons");
        d.reasons().forEach(reasons::add);
        ArrayNode audit = r.putArray("audit");
        for (AuditFinding a : d.audit()) {
            ObjectNode o = a.factor() == null ? JSON.createObjectNode() : factor(a.factor());
            o.put("policy", a.policy());
            o.put("effect", a.effect().wireName());
            audit.add(o);
        }
        r.put("enforcement_pinned", d.enforcementPinned());
        return r;
    }

    private static ObjectNode factor(Factor f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("policy", f.policy());
        ArrayNode groups = o.putArray("approver_groups");
        new TreeSet<>(f.approverGroups()).forEach(groups::add);
        o.put("required_approvals", f.requiredApprovals());
        o.put("approval_assurance", f.assurance().wireName());
        return o;
    }
}
