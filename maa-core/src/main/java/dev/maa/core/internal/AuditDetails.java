package dev.maa.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.maa.api.ApprovalAssurance;
import dev.maa.api.Factor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compact JSON for {@code AuditEvent.detail}: sorted keys, so equal facts give equal bytes. Also reads it back: the
 * executor takes what a request's sealed trail says (digest, factors, reviewer groups) from these details.
 */
public final class AuditDetails {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private AuditDetails() {}

    /** {@code of("status", "APPROVED", "notes", "ok")} → {@code {"notes":"ok","status":"APPROVED"}}. */
    public static String of(Object... keyValues) {
        TreeMap<String, Object> m = new TreeMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v != null) {
                m.put(String.valueOf(keyValues[i]), v instanceof Enum<?> e ? e.name() : v);
            }
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            return m.toString();
        }
    }

    /** A detail read back; a missing node for text that is not a JSON object (legacy free-text details). */
    public static JsonNode read(String detail) {
        try {
            JsonNode n = JSON.readTree(detail);
            return n != null && n.isObject() ? n : MissingNode.getInstance();
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** Groups as a sorted list, the form they take in a detail. */
    public static List<String> groups(Collection<String> groups) {
        return List.copyOf(new TreeSet<>(groups));
    }

    /**
     * Factors in the form the SUBMITTED event records them: policy, sorted groups, required approvals, assurance,
     * stage, escalation groups.
     */
    public static List<TreeMap<String, Object>> factors(List<Factor> factors) {
        List<TreeMap<String, Object>> out = new ArrayList<>(factors.size());
        for (Factor f : factors) {
            TreeMap<String, Object> m = new TreeMap<>();
            m.put("policy", f.policy());
            m.put("groups", groups(f.approverGroups()));
            m.put("required", f.requiredApprovals());
            if (f.needsSignature()) {
                m.put("assurance", f.assurance().wireName()); // absent for session: older trails read the same
            }
            if (f.stage() > 1) {
                m.put("stage", f.stage()); // absent for stage 1, likewise
            }
            if (!f.escalationGroups().isEmpty()) {
                m.put("escalation", groups(f.escalationGroups())); // absent when it does not escalate, likewise
            }
            out.add(m);
        }
        return out;
    }

    /** Factors read back from {@link #factors}; empty if {@code node} is not such a list. */
    public static List<Factor> readFactors(JsonNode node) {
        List<Factor> out = new ArrayList<>();
        if (!node.isArray()) {
            return out;
        }
        for (JsonNode f : node) {
            out.add(new Factor(
                    f.path("policy").asText(),
                    readGroups(f.path("groups")),
                    f.path("required").asInt(),
                    ApprovalAssurance.fromWire(f.path("assurance").asText(null)),
                    f.path("stage").asInt(1),
                    readGroups(f.path("escalation"))));
        }
        return out;
    }

    /** A list of strings read back as a set. */
    public static Set<String> readGroups(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.forEach(g -> out.add(g.asText()));
        return out;
    }
}
