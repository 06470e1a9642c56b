package dev.maa.core;

import dev.maa.api.Enforcement;
import dev.maa.api.Operation;
import dev.maa.core.config.ConfigSection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's enforcement default for access policies that do not set {@code enforcement} themselves: one for the
 * service (this engine) and, optionally, one per protected class or method ({@code com.acme.AppCatalog} or
 * {@code com.acme.AppCatalog.deleteApp}; the method wins over its class, the class over the service).
 *
 * <p>Why here and never in annotations: rolling approval out is an operator's decision about one deployment, made
 * and undone without a build. A policy that says {@code enforcement: enforce} (and every custom rule) is enforced
 * whatever this default says, so the operator can soften only what the approved policy set leaves open.
 */
public final class EnforcementDefaults {

    private static final Set<String> KEYS = Set.of("default", "methods");
    private static final EnforcementDefaults ENFORCE = new EnforcementDefaults(Enforcement.ENFORCE, Map.of());

    private final Enforcement service;
    private final Map<String, Enforcement> byName;

    private EnforcementDefaults(Enforcement service, Map<String, Enforcement> byName) {
        this.service = Objects.requireNonNull(service, "service");
        this.byName = Map.copyOf(byName);
    }

    /** Every policy enforced unless it says otherwise (the default). */
    public static EnforcementDefaults enforce() {
        return ENFORCE;
    }

    /** {@code service} for every method but those named in {@code byClassOrMethod}. */
    public static EnforcementDefaults of(Enforcement service, Map<String, Enforcement> byClassOrMethod) {
        return new EnforcementDefaults(service, byClassOrMethod);
    }

    /**
     * Reads the {@code enforcement} section of {@code maa.yaml}: {@code default: enforce|audit} and
     * {@code methods: {com.acme.AppCatalog.deleteApp: audit}}; a wrong value names its key and the values accepted.
     */
    public static EnforcementDefaults from(ConfigSection section) {
        if (section.isEmpty()) {
            return ENFORCE;
        }
        section.requireKnownKeys(KEYS);
        Enforcement service =
                section.string("default").map(v -> parse(section, "default", v)).orElse(Enforcement.ENFORCE);
        Map<String, Enforcement> methods = new LinkedHashMap<>();
        ConfigSection m = section.section("methods");
        if (!m.isEmpty() && !m.tree().isObject()) {
            throw section.error("methods", "must be a map of class or class.method names to enforce or audit");
        }
        for (Iterator<String> it = m.tree().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            methods.put(name, parse(m, name, m.string(name).orElse("")));
        }
        return new EnforcementDefaults(service, methods);
    }

    private static Enforcement parse(ConfigSection s, String key, String value) {
        try {
            return Enforcement.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw s.error(key, "'" + value + "' is not an enforcement; use enforce or audit");
        }
    }

    /** The default for calls of {@code operation}. */
    public Enforcement of(Operation operation) {
        if (byName.isEmpty()) {
            return service;
        }
        Enforcement m = byName.get(operation.className() + "." + operation.methodName());
        if (m != null) {
            return m;
        }
        return byName.getOrDefault(operation.className(), service);
    }

    @Override
    public String toString() {
        return "EnforcementDefaults[default=" + service.wireName() + ", methods=" + byName + "]";
    }
}
