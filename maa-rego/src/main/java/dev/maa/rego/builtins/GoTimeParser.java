package dev.maa.rego.builtins;

import dev.maa.rego.builtins.GoTimeLayout.Chunk;
import dev.maa.rego.builtins.GoTimeLayout.ParseFailure;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** One run of Go's {@code time.Parse(layout, value)}; see {@link GoTimeLayout}. */
final class GoTimeParser {
    private final String layout;
    private final String original;
    private String value;

    private long year;
    private int month = -1;
    private int day = -1;
    private int hour;
    private int min;
    private int sec;
    private int nsec;
    private boolean pmSet;
    private boolean amSet;
    private Integer zoneOffset;

    GoTimeParser(String layout, String value) {
        this.layout = layout;
        this.original = value;
        this.value = value;
    }

    private ParseFailure cannotParse(String valueElem, String layoutElem) {
        return new ParseFailure("parsing time " + GoTimeLayout.quote(original) + " as " + GoTimeLayout.quote(layout)
                + ": cannot parse " + GoTimeLayout.quote(valueElem) + " as " + GoTimeLayout.quote(layoutElem));
    }

    private ParseFailure withMessage(String message) {
        return new ParseFailure("parsing time " + GoTimeLayout.quote(original) + message);
    }

    long[] parse() throws ParseFailure {
        List<Chunk> chunks = GoTimeLayout.chunks(layout);
        for (int k = 0; k < chunks.size(); k++) {
            Chunk c = chunks.get(k);
            if (c.literal() != null) {
                skip(c.literal());
                continue;
            }
            String hold = value;
            String range = element(c.std(), k + 1 < chunks.size() ? chunks.get(k + 1) : null);
            if (range == null) {
                throw cannotParse(hold, c.std());
            }
            if (!range.isEmpty()) {
                throw withMessage(": " + range + " out of range");
            }
        }
        if (!value.isEmpty()) {
            throw withMessage(": extra text: " + GoTimeLayout.quote(value));
        }
        if (pmSet && hour < 12) {
            hour += 12;
        } else if (amSet && hour == 12) {
            hour = 0;
        }
        if (month < 0) {
            month = 1;
        }
        if (day < 0) {
            day = 1;
        }
        if (day < 1 || day > GoTimeLayout.daysIn(month, year)) {
            throw withMessage(": day out of range");
        }
        if (year < -999_999_999L || year > 999_999_999L) {
            return null;
        }
        LocalDateTime ldt = LocalDate.of((int) year, month, day).atTime(hour, min, sec, nsec);
        long epoch = ldt.toEpochSecond(ZoneOffset.UTC) - (zoneOffset == null ? 0 : zoneOffset);
        return new long[] {epoch, nsec};
    }

    private void skip(String prefix) throws ParseFailure {
        String p = prefix;
        String v = value;
        while (!p.isEmpty()) {
            if (p.charAt(0) == ' ') {
                if (!v.isEmpty() && v.charAt(0) != ' ') {
                    throw cannotParse(value, prefix);
                }
                p = p.stripLeading();
                v = cutSpace(v);
                continue;
            }
            if (v.isEmpty() || v.charAt(0) != p.charAt(0)) {
                throw cannotParse(value, prefix);
            }
            p = p.substring(1);
            v = v.substring(1);
        }
        value = v;
    }

    private static String cutSpace(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }

    private static boolean digitAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** Go's {@code getnum}: one or two digits (exactly two when fixed); null when bad. */
    private Integer getnum(boolean fixed) {
        if (!digitAt(value, 0)) {
            return null;
        }
        if (!digitAt(value, 1)) {
            if (fixed) {
                return null;
            }
            int n = value.charAt(0) - '0';
            value = value.substring(1);
            return n;
        }
        int n = (value.charAt(0) - '0') * 10 + (value.charAt(1) - '0');
        value = value.substring(2);
        return n;
    }

    /** Parses one standard element: null when malformed, "" when fine, else the out-of-range field. */
    private String element(String std, Chunk next) throws ParseFailure {
        switch (std) {
            case "2006" -> {
                if (value.length() < 4
                        || !digitAt(value, 0)
                        || !value.substring(0, 4).chars().allMatch(Character::isDigit)) {
                    return null;
                }
                year = Integer.parseInt(value.substring(0, 4));
                value = value.substring(4);
            }
            case "06" -> {
                Integer y = getnum(true);
                if (y == null) {
                    return null;
                }
                year = y >= 69 ? y + 1900 : y + 2000;
            }
            case "January", "Jan" -> {
                int m = GoTimeLayout.monthIndex(value, std.length() > 3);
                if (m < 0) {
                    return null;
                }
                value = value.substring(std.length() > 3 ? monthLen(m) : 3);
                month = m + 1;
            }
            case "Monday", "Mon" -> {
                int d = GoTimeLayout.dayIndex(value, std.length() > 3);
                if (d < 0) {
                    return null;
                }
                value = value.substring(std.length() > 3 ? dayLen(d) : 3);
            }
            case "1", "01" -> {
                Integer m = getnum(std.length() == 2);
                if (m == null) {
                    return null;
                }
                month = m;
                if (m <= 0 || m > 12) {
                    return "month";
                }
            }
            case "2", "_2", "02" -> {
                if (std.equals("_2") && value.startsWith(" ")) {
                    value = value.substring(1);
                }
                Integer d = getnum(std.equals("02"));
                if (d == null) {
                    return null;
                }
                day = d;
            }
            case "15" -> {
                Integer h = getnum(false);
                if (h == null) {
                    return null;
                }
                hour = h;
                if (h > 23) {
                    return "hour";
                }
            }
            case "3", "03" -> {
                Integer h = getnum(std.length() == 2);
                if (h == null) {
                    return null;
                }
                hour = h;
                if (h > 12) {
                    return "hour";
                }
            }
            case "4", "04" -> {
                Integer m = getnum(std.length() == 2);
                if (m == null) {
                    return null;
                }
                min = m;
                if (m >= 60) {
                    return "minute";
                }
            }
            case "5", "05" -> {
                Integer s = getnum(std.length() == 2);
                if (s == null) {
                    return null;
                }
                sec = s;
                if (s >= 60) {
                    return "second";
                }
                boolean layoutFraction = next == null || next.std() == null
                        ? false
                        : next.std().charAt(0) == '.' || next.std().charAt(0) == ',';
                if (value.length() >= 2
                        && (value.charAt(0) == '.' || value.charAt(0) == ',')
                        && digitAt(value, 1)
                        && !layoutFraction) {
                    int n = 2;
                    while (digitAt(value, n)) {
                        n++;
                    }
                    nsec = nanos(value.substring(1, n));
                    value = value.substring(n);
                }
            }
            case "PM", "pm" -> {
                if (value.length() < 2) {
                    return null;
                }
                String p = value.substring(0, 2);
                if (p.equalsIgnoreCase("PM")) {
                    pmSet = true;
                } else if (p.equalsIgnoreCase("AM")) {
                    amSet = true;
                } else {
                    return null;
                }
                value = value.substring(2);
            }
            case "MST" -> {
                if (value.startsWith("UTC")
                        || value.startsWith("GMT")
                                && !digitAt(value, 3)
                                && !value.startsWith("GMT+")
                                && !value.startsWith("GMT-")) {
                    value = value.substring(3);
                    zoneOffset = 0;
                } else {
                    throw new ParseFailure(
                            "zone abbreviations other than UTC and GMT (MST in the layout) are not supported"
                                    + " by this engine");
                }
            }
            case "002", "__2" -> throw new ParseFailure("day-of-year layout elements are not supported by this engine");
            default -> {
                if (std.charAt(0) == '.' || std.charAt(0) == ',') {
                    return fraction(std);
                }
                return zone(std);
            }
        }
        return "";
    }

    private static int monthLen(int m) {
        return new String[] {
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
                }
                [m].length();
    }

    private static int dayLen(int d) {
        return new String[] {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}[d].length();
    }

    private static int nanos(String digits) {
        String d = digits.length() > 9 ? digits.substring(0, 9) : digits;
        int n = Integer.parseInt(d);
        for (int k = d.length(); k < 9; k++) {
            n *= 10;
        }
        return n;
    }

    private String fraction(String std) {
        if (std.charAt(1) == '0') {
            int ndigit = std.length();
            if (value.length() < ndigit || (value.charAt(0) != '.' && value.charAt(0) != ',')) {
                return null;
            }
            String digits = value.substring(1, ndigit);
            if (!digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return null;
            }
            nsec = nanos(digits);
            value = value.substring(ndigit);
            return "";
        }
        if (value.length() < 2 || (value.charAt(0) != '.' && value.charAt(0) != ',') || !digitAt(value, 1)) {
            return "";
        }
        int i = 1;
        while (digitAt(value, i)) {
            i++;
        }
        nsec = nanos(value.substring(1, i));
        value = value.substring(i);
        return "";
    }

    private String zone(String std) {
        boolean iso = std.charAt(0) == 'Z';
        if (iso && value.startsWith("Z")) {
            value = value.substring(1);
            zoneOffset = 0;
            return "";
        }
        String body = std.substring(1);
        String sign;
        String hh;
        String mm = "00";
        String ss = "00";
        switch (body) {
            case "07:00" -> {
                if (value.length() < 6 || value.charAt(3) != ':') {
                    return null;
                }
                sign = value.substring(0, 1);
                hh = value.substring(1, 3);
                mm = value.substring(4, 6);
                value = value.substring(6);
            }
            case "07" -> {
                if (value.length() < 3) {
                    return null;
                }
                sign = value.substring(0, 1);
                hh = value.substring(1, 3);
                value = value.substring(3);
            }
            case "07:00:00" -> {
                if (value.length() < 9 || value.charAt(3) != ':' || value.charAt(6) != ':') {
                    return null;
                }
                sign = value.substring(0, 1);
                hh = value.substring(1, 3);
                mm = value.substring(4, 6);
                ss = value.substring(7, 9);
                value = value.substring(9);
            }
            case "070000" -> {
                if (value.length() < 7) {
                    return null;
                }
                sign = value.substring(0, 1);
                hh = value.substring(1, 3);
                mm = value.substring(3, 5);
                ss = value.substring(5, 7);
                value = value.substring(7);
            }
            default -> {
                if (value.length() < 5) {
                    return null;
                }
                sign = value.substring(0, 1);
                hh = value.substring(1, 3);
                mm = value.substring(3, 5);
                value = value.substring(5);
            }
        }
        if (!twoDigits(hh) || !twoDigits(mm) || !twoDigits(ss)) {
            return null;
        }
        int hr = Integer.parseInt(hh);
        int mi = Integer.parseInt(mm);
        int off = (hr * 60 + mi) * 60 + Integer.parseInt(ss);
        if (sign.equals("-")) {
            off = -off;
        } else if (!sign.equals("+")) {
            return null;
        }
        if (hr > 24) {
            return "time zone offset hour";
        }
        if (mi > 60) {
            return "time zone offset minute";
        }
        zoneOffset = off;
        return "";
    }

    private static boolean twoDigits(String s) {
        return s.length() == 2 && digitAt(s, 0) && digitAt(s, 1);
    }
}
