package dev.maa.api;

/**
 * The platform an object belongs to. Access policies match {@code all}, {@code windows} or
 * {@code non_windows}; {@link #UNSPECIFIED} means the call did not say, which only {@code all} matches.
 */
public enum Platform {
    UNSPECIFIED,
    WINDOWS,
    MACOS,
    IOS,
    ANDROID,
    LINUX;

    /** Parses a platform name case-insensitively; blank means {@link #UNSPECIFIED}. */
    public static Platform parse(String value) {
        if (value == null || value.isBlank()) {
            return UNSPECIFIED;
        }
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown platform '" + value + "'; use one of " + java.util.Arrays.toString(values()));
        }
    }
}
