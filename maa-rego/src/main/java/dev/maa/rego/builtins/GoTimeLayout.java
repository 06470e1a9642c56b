package dev.maa.rego.builtins;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go reference-time layouts ({@code "2006-01-02T15:04:05Z07:00"}) for formatting and parsing,
 * following Go's {@code time} package chunk by chunk, including its error texts
 * ({@code parsing time "x" as "layout": cannot parse "y" as "z"}). Zone abbreviations
 * ({@code MST}) other than UTC/GMT and day-of-year chunks are refused as unsupported: Go resolves
 * them from its own tz database in ways Java cannot reproduce.
 */
final class GoTimeLayout {
    static final Map<String, String> NAMED = Map.of(
            "ANSIC", "Mon Jan _2 15:04:05 2006",
            "UnixDate", "Mon Jan _2 15:04:05 MST 2006",
            "RubyDate", "Mon Jan 02 15:04:05 -0700 2006",
            "RFC822", "02 Jan 06 15:04 MST",
            "RFC822Z", "02 Jan 06 15:04 -0700",
            "RFC850", "Monday, 02-Jan-06 15:04:05 MST",
            "RFC1123", "Mon, 02 Jan 2006 15:04:05 MST",
            "RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700",
            "RFC3339", "2006-01-02T15:04:05Z07:00",
            "RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00");

    private static final String[] LONG_MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };
    private static final String[] LONG_DAYS = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
    };

    /** A layout element: literal text or a standard chunk with its layout text. */
    record Chunk(String literal, String std) {}

    /** Thrown with the text after {@code time.Parse}'s usual prefix. */
    static final class ParseFailure extends Exception {
        ParseFailure(String message) {
            super(message, null, false, false);
        }
    }

    private GoTimeLayout() {}

    /** Splits a layout into literal and standard chunks as Go's {@code nextStdChunk} does. */
    static List<Chunk> chunks(String layout) {
        List<Chunk> out = new ArrayList<>();
        int lit = 0;
        int i = 0;
        while (i < layout.length()) {
            int len = stdAt(layout, i);
            if (len > 0) {
                int start = i;
                if (layout.startsWith("_2006", i)) {
                    start = i + 1;
                }
                if (start > lit) {
                    out.add(new Chunk(layout.substring(lit, start), null));
                }
                out.add(new Chunk(null, layout.substring(start, i + len)));
                i += len;
                lit = i;
            } else {
                i++;
            }
        }
        if (lit < layout.length()) {
            out.add(new Chunk(layout.substring(lit), null));
        }
        return out;
    }

    /** Length of the standard chunk starting at i (0 if none). */
    private static int stdAt(String l, int i) {
        char c = l.charAt(i);
        switch (c) {
            case 'J':
                if (l.startsWith("January", i)) {
                    return 7;
                }
                return l.startsWith("Jan", i) && !lowerAt(l, i + 3) ? 3 : 0;
            case 'M':
                if (l.startsWith("Monday", i)) {
                    return 6;
                }
                if (l.startsWith("Mon", i) && !lowerAt(l, i + 3)) {
                    return 3;
                }
                return l.startsWith("MST", i) ? 3 : 0;
            case '0':
                if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                    return 2;
                }
                return l.startsWith("002", i) ? 3 : 0;
            case '1':
                return l.startsWith("15", i) ? 2 : 1;
            case '2':
                return l.startsWith("2006", i) ? 4 : 1;
            case '_':
                if (l.startsWith("_2006", i)) {
                    return 5;
                }
                if (l.startsWith("_2", i)) {
                    return 2;
                }
                return l.startsWith("__2", i) ? 3 : 0;
            case '3', '4', '5':
                return 1;
            case 'P':
                return l.startsWith("PM", i) ? 2 : 0;
            case 'p':
                return l.startsWith("pm", i) ? 2 : 0;
            case '-':
                for (String z : new String[] {"-070000", "-07:00:00", "-0700", "-07:00", "-07"}) {
                    if (l.startsWith(z, i)) {
                        return z.length();
                    }
                }
                return 0;
            case 'Z':
                for (String z : new String[] {"Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"}) {
                    if (l.startsWith(z, i)) {
                        return z.length();
                    }
                }
                return 0;
            case '.', ',':
                if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                    char ch = l.charAt(i + 1);
                    int j = i + 1;
                    while (j < l.length() && l.charAt(j) == ch) {
                        j++;
                    }
                    if (!(j < l.length() && Character.isDigit(l.charAt(j)))) {
                        return j - i;
                    }
                }
                return 0;
            default:
                return 0;
        }
    }

    private static boolean lowerAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }

    static String format(ZonedDateTime t, String layout) {
        StringBuilder b = new StringBuilder();
        for (Chunk c : chunks(layout)) {
            if (c.literal() != null) {
                b.append(c.literal());
            } else {
                formatStd(b, t, c.std());
            }
        }
        return b.toString();
    }

    private static void pad(StringBuilder b, long v, int width) {
        String s = Long.toString(Math.abs(v));
        if (v < 0) {
            b.append('-');
        }
        for (int k = s.length(); k < width; k++) {
            b.append('0');
        }
        b.append(s);
    }

    private static void formatStd(StringBuilder b, ZonedDateTime t, String std) {
        int hour = t.getHour();
        switch (std) {
            case "2006" -> pad(b, t.getYear(), 4);
            case "06" -> pad(b, Math.floorMod(t.getYear(), 100), 2);
            case "January" -> b.append(LONG_MONTHS[t.getMonthValue() - 1]);
            case "Jan" -> b.append(LONG_MONTHS[t.getMonthValue() - 1], 0, 3);
            case "1" -> b.append(t.getMonthValue());
            case "01" -> pad(b, t.getMonthValue(), 2);
            case "Monday" -> b.append(weekday(t));
            case "Mon" -> b.append(weekday(t), 0, 3);
            case "2" -> b.append(t.getDayOfMonth());
            case "_2" -> b.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
            case "02" -> pad(b, t.getDayOfMonth(), 2);
            case "__2" -> b.append(String.format("%3d", t.getDayOfYear()));
            case "002" -> pad(b, t.getDayOfYear(), 3);
            case "15" -> pad(b, hour, 2);
            case "3" -> b.append(hour % 12 == 0 ? 12 : hour % 12);
            case "03" -> pad(b, hour % 12 == 0 ? 12 : hour % 12, 2);
            case "4" -> b.append(t.getMinute());
            case "04" -> pad(b, t.getMinute(), 2);
            case "5" -> b.append(t.getSecond());
            case "05" -> pad(b, t.getSecond(), 2);
            case "PM" -> b.append(hour >= 12 ? "PM" : "AM");
            case "pm" -> b.append(hour >= 12 ? "pm" : "am");
            case "MST" -> b.append(zoneAbbreviation(t));
            default -> {
                if (std.charAt(0) == '.' || std.charAt(0) == ',') {
                    fraction(b, t.getNano(), std);
                } else {
                    offset(b, t.getOffset().getTotalSeconds(), std);
                }
            }
        }
    }

    static String weekday(ZonedDateTime t) {
        return LONG_DAYS[t.getDayOfWeek().getValue() % 7];
    }

    private static String zoneAbbreviation(ZonedDateTime t) {
        String id = t.getZone().getId();
        if (id.equals("UTC") || id.equals("Z") || id.equals("Etc/UTC")) {
            return "UTC";
        }
        throw BuiltinError.of(
                "time.format",
                "the MST (zone abbreviation) layout element for zone " + id + " is not supported by this engine");
    }

    private static void fraction(StringBuilder b, int nanos, String std) {
        String digits = String.format("%09d", nanos).substring(0, Math.min(9, std.length() - 1));
        if (std.charAt(1) == '9') {
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '0') {
                end--;
            }
            if (end == 0) {
                return;
            }
            digits = digits.substring(0, end);
        } else if (std.length() - 1 > 9) {
            digits = digits + "0".repeat(std.length() - 10);
        }
        b.append(std.charAt(0)).append(digits);
    }

    private static void offset(StringBuilder b, int offset, String std) {
        if (offset == 0 && std.charAt(0) == 'Z') {
            b.append('Z');
            return;
        }
        int zone = offset / 60;
        int abs = offset;
        if (zone < 0) {
            b.append('-');
            zone = -zone;
            abs = -abs;
        } else {
            b.append('+');
        }
        String body = std.substring(1);
        pad(b, zone / 60, 2);
        if (body.equals("07:00") || body.equals("07:00:00")) {
            b.append(':');
        }
        if (!body.equals("07")) {
            pad(b, zone % 60, 2);
        }
        if (body.equals("070000") || body.equals("07:00:00")) {
            if (body.equals("07:00:00")) {
                b.append(':');
            }
            pad(b, abs % 60, 2);
        }
    }

    /** Go's {@code time.Parse}; returns epoch seconds and nanos. */
    static long[] parse(String layout, String value) throws ParseFailure {
        return new GoTimeParser(layout, value).parse();
    }

    /** Go's internal {@code quote}: ASCII kept, other bytes as {@code \xNN}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 0x80 || c < ' ') {
                sb.append(String.format("\\x%02x", c));
            } else {
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }

    static int monthIndex(String s, boolean longName) {
        for (int m = 0; m < 12; m++) {
            String name = longName ? LONG_MONTHS[m] : LONG_MONTHS[m].substring(0, 3);
            if (s.length() >= name.length() && s.substring(0, name.length()).equalsIgnoreCase(name)) {
                return m;
            }
        }
        return -1;
    }

    static int dayIndex(String s, boolean longName) {
        for (int d = 0; d < 7; d++) {
            String name = longName ? LONG_DAYS[d] : LONG_DAYS[d].substring(0, 3);
            if (s.length() >= name.length() && s.substring(0, name.length()).equalsIgnoreCase(name)) {
                return d;
            }
        }
        return -1;
    }

    static int daysIn(int month, long year) {
        try {
            return LocalDate.of((int) year, month, 1).lengthOfMonth();
        } catch (DateTimeException e) {
            return month == 2 ? 28 : 31;
        }
    }
}
