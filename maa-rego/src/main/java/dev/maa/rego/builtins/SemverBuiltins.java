package dev.maa.rego.builtins;

import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * {@code semver.is_valid} and {@code semver.compare} with OPA's parser: an optional leading
 * {@code v}, Go {@code ParseInt} numbers (signs and leading zeros accepted), identifier checks on
 * pre-release and metadata, and SemVer 2.0 precedence.
 */
public final class SemverBuiltins {
  private static final Pattern IDENT = Pattern.compile("[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*");
  private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]+");
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private SemverBuiltins() {}

  record Version(long major, long minor, long patch, String pre) {}

  public static void register(BuiltinRegistry r) {
    r.register("semver.is_valid", 1, (c, a) -> BooleanValue.of(a[0] instanceof StringValue s && parse(s.value()) != null));
    r.register("semver.compare", 2, (c, a) -> compare(a));
  }

  static Version parse(String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    int plus = v.indexOf('+');
    if (plus >= 0) {
      String meta = v.substring(plus + 1);
      v = v.substring(0, plus);
      if (!meta.isEmpty() && !IDENT.matcher(meta).matches()) {
        return null;
      }
    }
    String pre = "";
    int dash = v.indexOf('-');
    if (dash >= 0) {
      pre = v.substring(dash + 1);
      v = v.substring(0, dash);
      if (!pre.isEmpty() && !IDENT.matcher(pre).matches()) {
        return null;
      }
    }
    String[] parts = v.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    Long[] n = new Long[3];
    for (int i = 0; i < 3; i++) {
      if (!GO_INT.matcher(parts[i]).matches()) {
        return null;
      }
      BigInteger b = new BigInteger(parts[i].startsWith("+") ? parts[i].substring(1) : parts[i]);
      if (b.compareTo(MAX) > 0 || b.compareTo(MIN) < 0) {
        return null;
      }
      n[i] = b.longValue();
    }
    return new Version(n[0], n[1], n[2], pre);
  }

  static Value compare(Value[] a) {
    String sa = Args.string("semver.compare", a, 0);
    String sb = Args.string("semver.compare", a, 1);
    Version va = parse(sa);
    if (va == null) {
      throw BuiltinError.of("semver.compare", "operand 1: string " + GoQuote.quote(sa) + " is not a valid SemVer");
    }
    Version vb = parse(sb);
    if (vb == null) {
      throw BuiltinError.of("semver.compare", "operand 2: string " + GoQuote.quote(sb) + " is not a valid SemVer");
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
