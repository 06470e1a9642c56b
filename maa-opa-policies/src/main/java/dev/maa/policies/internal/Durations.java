package dev.maa.policies.internal;

import java.time.Duration;

/**
 * Go-style durations ({@code 720h}, {@code 1h30m}, {@code 90s}, plus {@code d} for days), the spelling OPA
 * and the policy files use. Internal: not a stable API.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Parses {@code 24h}, {@code 1d12h}, {@code 30m}; throws IllegalArgumentException with the expected form.
     * A scan rather than a regular expression: every embedded decision with a ttl reads one.
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Duration d = Duration.ZERO;
        int i = 0;
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i == t.length()) {
                throw notADuration(text);
            }
            long n = Long.parseLong(t, start, i, 10);
            d = d.plus(switch (t.charAt(i++)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> throw notADuration(text);
            });
        }
        if (t.isEmpty()) {
            throw notADuration(text);
        }
        return d;
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 24h, 4h, 30m, 1h30m or 7d");
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
