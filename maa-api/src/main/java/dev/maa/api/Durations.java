package dev.maa.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The one duration grammar of everything an operator writes: {@code 250ms}, {@code 90s}, {@code 5m}, {@code 24h},
 * {@code 7d}, combinations such as {@code 1h30m} or {@code 1d12h}, and ISO-8601 ({@code PT1H}, {@code P2555D}).
 * Formats Go-style ({@code 720h}, {@code 1h30m}, {@code 250ms}), the spelling OPA and the policy files use.
 *
 * <p>Why one: policies, notifications and the store each had their own, so a value valid in one section was
 * refused in the next. A number without a unit is refused (except {@code 0}): {@code 2555} under a retention key
 * could mean days or seconds, and guessing seconds would purge the audit log. Negative durations are refused too.
 * Rego's {@code time.parse_duration_ns} keeps OPA's own grammar; this one is for configuration and policy data.
 */
public final class Durations {

    /** The accepted forms, for messages. */
    public static final String FORMS = "250ms, 90s, 5m, 24h, 7d, 1h30m or ISO-8601 such as PT1H or P2555D";

    private Durations() {}

    /**
     * Parses one duration. A scan rather than a regular expression: every embedded decision with a ttl reads one.
     *
     * @throws IllegalArgumentException quoting the text and listing the accepted forms
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw notADuration(text, "it is empty");
        }
        char first = t.charAt(0);
        if (first == 'P' || first == 'p' || first == '-' || first == '+') {
            return iso(text, t);
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Duration d = Duration.ZERO;
        int i = 0;
        try {
            while (i < t.length()) {
                int start = i;
                while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                    i++;
                }
                if (i == start) {
                    throw notADuration(text, "a number must come before each unit");
                }
                long n = Long.parseLong(t, start, i, 10);
                while (i < t.length() && t.charAt(i) == ' ') {
                    i++;
                }
                if (i == t.length()) {
                    throw notADuration(
                            text,
                            "a number needs a unit, such as "
                                    + t.substring(start).strip() + "s");
                }
                char u = Character.toLowerCase(t.charAt(i++));
                if (u == 'm' && i < t.length() && Character.toLowerCase(t.charAt(i)) == 's') {
                    i++;
                    d = d.plusMillis(n);
                } else {
                    d = d.plus(
                            switch (u) {
                                case 'd' -> Duration.ofDays(n);
                                case 'h' -> Duration.ofHours(n);
                                case 'm' -> Duration.ofMinutes(n);
                                case 's' -> Duration.ofSeconds(n);
                                default ->
                                    throw notADuration(
                                            text, "'" + t.charAt(i - 1) + "' is not a unit (ms, s, m, h, d)");
                            });
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw notADuration(text, "it is too long");
        }
        return d;
    }

    private static Duration iso(String text, String t) {
        Duration d;
        try {
            d = Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw notADuration(text, "it is not valid ISO-8601");
        }
        if (d.isNegative()) {
            throw notADuration(text, "it is negative");
        }
        return d;
    }

    private static IllegalArgumentException notADuration(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a duration (" + why + "); write " + FORMS);
    }

    /**
     * The Go-style spelling: hours, minutes, seconds and milliseconds, zero parts left out ({@code 720h},
     * {@code 1h30m}, {@code 1s250ms}, {@code 0s}); {@link #parse} reads it back to the same duration.
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d + " has no Go-style spelling here");
        }
        long s = d.toSeconds();
        long ms = d.toMillisPart();
        if (s == 0 && ms == 0) {
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
        if (ms > 0) {
            sb.append(ms).append("ms");
        }
        return sb.toString();
    }
}
