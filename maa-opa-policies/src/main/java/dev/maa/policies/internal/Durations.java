package dev.maa.policies.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations ({@code 720h}, {@code 1h30m}, {@code 90s}, plus {@code d} for days), the spelling OPA
 * and the policy files use. Internal: not a stable API.
 */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:d|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(d|h|m|s)");

    private Durations() {
    }

    /** Parses {@code 24h}, {@code 1d12h}, {@code 30m}; throws IllegalArgumentException with the expected form. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 24h, 4h, 30m, 1h30m or 7d");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return d;
    }

    /** The canonical spelling: hours, minutes, seconds, zero parts left out ({@code 720h}, {@code 1h30m}). */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (s / 3600 > 0) {
            sb.append(s / 3600).append('h');
        }
        if (s % 3600 / 60 > 0) {
            sb.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0) {
            sb.append(s % 60).append('s');
        }
        return sb.toString();
    }
}
