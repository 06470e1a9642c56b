package dev.maa.api;

/** The three answers an access policy can give. */
public enum Effect {
    ALLOW,
    DENY,
    REQUIRE_APPROVAL;

    /** The Rego/JSON spelling: {@code allow}, {@code deny}, {@code require_approval}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Effect fromWireName(String value) {
        for (Effect e : values()) {
            if (e.name().equalsIgnoreCase(value)) { // the wire name ignoring case, without lower-casing it per call
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown effect '" + value + "'; expected allow, deny or require_approval");
    }
}
