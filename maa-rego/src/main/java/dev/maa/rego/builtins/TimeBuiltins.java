package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;

/**
 * {@code time.*}: timestamps are int64 nanoseconds since the epoch, time zones IANA names, layouts
 * Go reference-time strings (see {@link GoTimeLayout}). {@code time.now_ns} is the evaluation's
 * fixed clock. Around DST transitions Go and Java may resolve a non-existent or repeated local
 * time ({@code time.add_date}) differently; UTC and fixed-offset zones are exact.
 */
final class TimeBuiltins {
    private static final Instant MIN = Instant.ofEpochSecond(0, Long.MIN_VALUE);
    private static final Instant MAX = Instant.ofEpochSecond(0, Long.MAX_VALUE);
    private static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*");
    private static final BigDecimal MIN_NS = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_NS = BigDecimal.valueOf(Long.MAX_VALUE);

    private TimeBuiltins() {}

    /** A timestamp argument resolved in its zone, with the optional layout of {@code [ns, tz, layout]}. */
    record ZonedArg(ZonedDateTime time, String layout) {}

    static void register(BuiltinRegistry r) {
        r.register("time.now_ns", 0, (c, a) -> NumberValue.of(c.nowNs()));
        r.register(
                "time.parse_rfc3339_ns",
                1,
                (c, a) -> parse(
                        "time.parse_rfc3339_ns",
                        GoTimeLayout.NAMED.get("RFC3339"),
                        Args.string("time.parse_rfc3339_ns", a, 0)));
        r.register("time.parse_ns", 2, (c, a) -> parseNs(a));
        r.register("time.parse_duration_ns", 1, (c, a) -> parseDuration(a));
        r.register("time.format", 1, (c, a) -> format(a));
        r.register("time.date", 1, (c, a) -> date(a));
        r.register("time.clock", 1, (c, a) -> clock(a));
        r.register(
                "time.weekday",
                1,
                (c, a) -> StringValue.of(
                        GoTimeLayout.weekday(zoned("time.weekday", a[0]).time())));
        r.register("time.add_date", 4, (c, a) -> addDate(a));
        r.register("time.diff", 2, (c, a) -> diff(a));
    }

    static Value safeNanos(String name, Instant t) {
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw BuiltinError.of(name, "time outside of valid range");
        }
        return NumberValue.of(t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

    private static Value parse(String name, String layout, String value) {
        try {
            long[] t = GoTimeLayout.parse(layout, value);
            if (t == null) {
                throw BuiltinError.of(name, "time outside of valid range");
            }
            return safeNanos(name, Instant.ofEpochSecond(t[0], t[1]));
        } catch (GoTimeLayout.ParseFailure e) {
            throw BuiltinError.of(name, e.getMessage());
        } catch (DateTimeException | ArithmeticException e) {
            throw BuiltinError.of(name, "time outside of valid range");
        }
    }

    static Value parseNs(Value[] a) {
        String layout = Args.string("time.parse_ns", a, 0);
        String value = Args.string("time.parse_ns", a, 1);
        return parse("time.parse_ns", GoTimeLayout.NAMED.getOrDefault(layout, layout), value);
    }

    static Value parseDuration(Value[] a) {
        try {
            return NumberValue.of(GoDuration.parse(Args.string("time.parse_duration_ns", a, 0)));
        } catch (IllegalArgumentException e) {
            throw BuiltinError.of("time.parse_duration_ns", e.getMessage());
        }
    }

    /** OPA's {@code tzTime}: a number of ns, or [ns], [ns, tz] or [ns, tz, layout]. */
    static ZonedArg zoned(String name, Value v) {
        Value n;
        ZoneId zone = ZoneOffset.UTC;
        String layout = "";
        String want = "either number (ns) or [number (ns), string (tz)]";
        if (v instanceof ArrayValue arr) {
            if (arr.size() == 0) {
                throw Args.typeError(name, 1, want, v);
            }
            n = Args.number(name, new Value[] {arr.get(0)}, 0);
            if (arr.size() > 1) {
                zone = zone(name, Args.string(name, new Value[] {arr.get(1)}, 0));
            }
            if (arr.size() > 2) {
                layout = Args.string(name, new Value[] {arr.get(2)}, 0);
            }
        } else if (v instanceof NumberValue) {
            n = v;
        } else {
            throw Args.typeError(name, 1, want, v);
        }
        BigDecimal ns = ((NumberValue) n).decimal();
        if (!((NumberValue) n).isInteger() || ns.compareTo(MIN_NS) < 0 || ns.compareTo(MAX_NS) > 0) {
            throw BuiltinError.of(name, "timestamp too big");
        }
        long l = ns.longValue();
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(l, 1_000_000_000L), Math.floorMod(l, 1_000_000_000L));
        return new ZonedArg(ZonedDateTime.ofInstant(instant, zone), layout);
    }

    private static ZoneId zone(String name, String tz) {
        if (tz.isEmpty() || tz.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (tz.equals("Local")) {
            return ZoneId.systemDefault();
        }
        if (ZONE_NAME.matcher(tz).matches() && ZoneId.getAvailableZoneIds().contains(tz)) {
            return ZoneId.of(tz);
        }
        throw BuiltinError.of(name, "unknown time zone " + tz);
    }

    static Value format(Value[] a) {
        ZonedArg z = zoned("time.format", a[0]);
        String layout = z.layout().isEmpty()
                ? GoTimeLayout.NAMED.get("RFC3339Nano")
                : GoTimeLayout.NAMED.getOrDefault(z.layout(), z.layout());
        return StringValue.of(GoTimeLayout.format(z.time(), layout));
    }

    static Value date(Value[] a) {
        ZonedDateTime t = zoned("time.date", a[0]).time();
        return ArrayValue.of(
                NumberValue.of(t.getYear()), NumberValue.of(t.getMonthValue()), NumberValue.of(t.getDayOfMonth()));
    }

    static Value clock(Value[] a) {
        ZonedDateTime t = zoned("time.clock", a[0]).time();
        return ArrayValue.of(NumberValue.of(t.getHour()), NumberValue.of(t.getMinute()), NumberValue.of(t.getSecond()));
    }

    /** Go's {@code AddDate}: out-of-range months and days are normalised, not clamped (Jan 31 + 1 month = Mar 3). */
    static Value addDate(Value[] a) {
        ZonedDateTime t = zoned("time.add_date", a[0]).time();
        long years = OpaOperands.intOperand("time.add_date", a, 1);
        long months = OpaOperands.intOperand("time.add_date", a, 2);
        long days = OpaOperands.intOperand("time.add_date", a, 3);
        try {
            long m0 = t.getMonthValue() - 1 + months;
            long y = t.getYear() + years + Math.floorDiv(m0, 12);
            int m = (int) Math.floorMod(m0, 12) + 1;
            LocalDate d = LocalDate.of(Math.toIntExact(y), m, 1).plusDays(t.getDayOfMonth() - 1 + days);
            ZonedDateTime out = ZonedDateTime.of(d.atTime(t.toLocalTime()), t.getZone());
            return safeNanos("time.add_date", out.toInstant());
        } catch (DateTimeException | ArithmeticException e) {
            throw BuiltinError.of("time.add_date", "time outside of valid range");
        }
    }

    static Value diff(Value[] a) {
        ZonedDateTime t1 = zoned("time.diff", a[0]).time();
        ZonedDateTime t2 = zoned("time.diff", a[1]).time().withZoneSameInstant(t1.getZone());
        if (t1.isAfter(t2)) {
            ZonedDateTime tmp = t1;
            t1 = t2;
            t2 = tmp;
        }
        int year = t2.getYear() - t1.getYear();
        int month = t2.getMonthValue() - t1.getMonthValue();
        int day = t2.getDayOfMonth() - t1.getDayOfMonth();
        int hour = t2.getHour() - t1.getHour();
        int min = t2.getMinute() - t1.getMinute();
        int sec = t2.getSecond() - t1.getSecond();
        if (sec < 0) {
            sec += 60;
            min--;
        }
        if (min < 0) {
            min += 60;
            hour--;
        }
        if (hour < 0) {
            hour += 24;
            day--;
        }
        if (day < 0) {
            // Go: time.Date(y1, M1, 32) normalises into the next month; 32 - that day = days in M1.
            day += LocalDate.of(t1.getYear(), t1.getMonthValue(), 1).lengthOfMonth();
            month--;
        }
        if (month < 0) {
            month += 12;
            year--;
        }
        return ArrayValue.of(
                NumberValue.of(year),
                NumberValue.of(month),
                NumberValue.of(day),
                NumberValue.of(hour),
                NumberValue.of(min),
                NumberValue.of(sec));
    }
}
