package dev.maa.api;

import java.util.Locale;

/**
 * Whether an access policy's outcome is acted on ({@link #ENFORCE}) or only recorded ({@link #AUDIT}).
 *
 * <p>Why: turning approval on in a running service is a rollout, as for admission controllers (OPA Gatekeeper's
 * {@code dryrun}, Kyverno's {@code Audit}). In audit mode a call the policy would park or deny runs, and the decision
 * is recorded as {@code would_require_approval} / {@code would_deny}, so operators see what enforcement would do
 * before it blocks anything.
 */
public enum Enforcement {
    /** The policy's outcome is acted on: allow runs, deny refuses, require approval parks. */
    ENFORCE,
    /** The call runs whatever the policy says; what it would have done is recorded. */
    AUDIT;

    /** The YAML/Rego spelling: {@code enforce}, {@code audit}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value for {@code enforce} or {@code audit} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Enforcement fromWireName(String value) {
        for (Enforcement e : values()) {
            if (e.wireName().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown enforcement '" + value + "'; expected enforce or audit");
    }
}
