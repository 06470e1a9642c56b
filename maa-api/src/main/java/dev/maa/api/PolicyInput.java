package dev.maa.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The input document of an access-policy decision ({@code data.maa.decision}).
 *
 * <p>{@link #toMap()} gives the documented JSON shape:
 * {@code principal{id,groups,roles}, resource{type,id,platform,scope_tags}, action,
 * operation{class,method,digest}, justification, emergency, urgent, time}.
 */
public record PolicyInput(
        Principal principal,
        ResourceRef resource,
        Action action,
        Operation operation,
        String digest,
        String justification,
        boolean emergency,
        boolean urgent,
        Instant time) {

    public PolicyInput {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(time, "time");
        justification = justification == null ? "" : justification;
        digest = digest == null ? "" : digest;
    }

    /** The input as plain JSON-like Java values, keys as the Rego contract spells them. */
    public Map<String, Object> toMap() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", principal.id());
        p.put("groups", List.copyOf(new TreeSet<>(principal.groups())));
        p.put("roles", List.copyOf(new TreeSet<>(principal.roles())));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", resource.typeName());
        r.put("id", resource.objectId());
        r.put("platform", resource.platform().name().toLowerCase(java.util.Locale.ROOT));
        r.put("scope_tags", List.copyOf(new TreeSet<>(resource.scopeTags())));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("class", operation == null ? "" : operation.className());
        o.put("method", operation == null ? "" : operation.methodName());
        o.put("digest", digest);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("principal", p);
        in.put("resource", r);
        in.put("action", action.name());
        in.put("operation", o);
        in.put("justification", justification);
        in.put("emergency", emergency);
        in.put("urgent", urgent);
        in.put("time", time.toString());
        return in;
    }
}
