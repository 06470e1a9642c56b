package dev.maa.rego.builtins;

import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * {@code semver.is_valid} and {@code semver.compare} with OPA's strict SemVer 2.0 parser: an
 * optional leading {@code v}, major, minor and patch without signs or leading zeros, non-empty
 * pre-release and metadata sections of {@code [0-9A-Za-z-]} identifiers, numeric pre-release
 * identifiers without leading zeros, and SemVer 2.0 precedence.
 *
 * <p>OPA's suite pins these rules ({@code semverisvalid/test-semverisvalid-strict.yaml}): older OPA
 * releases took Go {@code ParseInt} numbers and empty sections, and a policy that relies on that
 * must not get a different answer from this engine than from OPA.
 */
final class SemverBuiltins {
    private static final Pattern IDENT = Pattern.compile("[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*");
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]*");
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private SemverBuiltins() {}

    record Version(long major, long minor, long patch, String pre) {}

    static void register(BuiltinRegistry r) {
        r.register(
                "semver.is_valid",
                1,
                (c, a) -> BooleanValue.of(a[0] instanceof StringValue s && parse(s.value()) != null));
        r.register("semver.compare", 2, (c, a) -> compare(a));
    }

    static Version parse(String version) {
        String v = version.startsWith("v") ? version.substring(1) : version;
        int plus = v.indexOf('+');
        if (plus >= 0) {
            String meta = v.substring(plus + 1);
            v = v.substring(0, plus);
            if (!IDENT.matcher(meta).matches()) {
                return null;
            }
        }
        String pre = "";
        int dash = v.indexOf('-');
        if (dash >= 0) {
            pre = v.substring(dash + 1);
            v = v.substring(0, dash);
            if (!IDENT.matcher(pre).matches() || hasLeadingZero(pre)) {
                return null;
            }
        }
        String[] parts = v.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        Long[] n = new Long[3];
        for (int i = 0; i < 3; i++) {
            if (!NUMBER.matcher(parts[i]).matches()) {
                return null;
            }
            BigInteger b = new BigInteger(parts[i]);
            if (b.compareTo(MAX) > 0) {
                return null;
            }
            n[i] = b.longValue();
        }
        return new Version(n[0], n[1], n[2], pre);
    }

    /** Whether a numeric pre-release identifier has a leading zero ({@code 01}; {@code 0} and {@code 0a} are fine). */
    private static boolean hasLeadingZero(String pre) {
        for (String id : pre.split("\\.", -1)) {
            if (id.length() > 1 && id.charAt(0) == '0' && id.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return true;
            }
        }
        return false;
    }

    static Value compare(Value[] a) {
        String sa = Args.string("semver.compare", a, 0);
        String sb = Args.string("semver.compare", a, 1);
        Version va = parse(sa);
        if (va == null) {
            throw BuiltinError.of(
                    "semver.compare", "operand 1: string " + GoQuote.quote(sa) + " is not a valid SemVer");
        }
        Version vb = parse(sb);
        if (vb == null) {
            throw BuiltinError.of(
                    "semver.compare", "operand 2: string " + GoQuote.quote(sb) + " is not a valid SemVer");
        }
        return NumberValue.of(compare(va, vb));
    }

    static int compare(Version v, Version o) {
        int c = Long.compare(v.major(), o.major());
        if (c == 0) {
            c = Long.compare(v.minor(), o.minor());
        }
        if (c == 0) {
            c = Long.compare(v.patch(), o.patch());
        }
        if (c != 0) {
            return Integer.signum(c);
        }
        if (v.pre().equals(o.pre())) {
            return 0;
        }
        if (v.pre().isEmpty()) {
            return 1;
        }
        if (o.pre().isEmpty()) {
            return -1;
        }
        String[] as = v.pre().split("\\.", -1);
        String[] bs = o.pre().split("\\.", -1);
        for (int i = 0; ; i++) {
            String x = as[i];
            String y = bs[i];
            boolean xi = x.chars().allMatch(ch -> ch >= '0' && ch <= '9');
            boolean yi = y.chars().allMatch(ch -> ch >= '0' && ch <= '9');
            if (xi && !yi) {
                return -1;
            }
            if (!xi && yi) {
                return 1;
            }
            int cmp = xi ? clamp(x).compareTo(clamp(y)) : x.compareTo(y);
            if (cmp != 0) {
                return Integer.signum(cmp);
            }
            boolean moreA = i + 1 < as.length;
            boolean moreB = i + 1 < bs.length;
            if (moreA != moreB) {
                return moreA ? 1 : -1;
            }
            if (!moreA) {
                return 0;
            }
        }
    }

    /** {@code strconv.Atoi}: out-of-range values saturate. */
    private static BigInteger clamp(String digits) {
        BigInteger b = new BigInteger(digits);
        return b.compareTo(MAX) > 0 ? MAX : b;
    }
}
