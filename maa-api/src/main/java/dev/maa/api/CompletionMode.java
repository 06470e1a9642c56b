package dev.maa.api;

/** Who runs an approved call: the requester ({@link #MANUAL}, as in Intune) or the system as soon as quorum is reached. */
public enum CompletionMode {
    MANUAL,
    AUTO;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CompletionMode fromWireName(String value) {
        return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
