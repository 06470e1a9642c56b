package dev.maa.rego.builtins;

import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Infix operators as OPA's named builtins: arithmetic ({@code plus minus mul div rem}),
 * comparison ({@code equal neq lt gt lte gte}) and set algebra ({@code and or}, and
 * {@code minus} on sets). Numbers are exact; a quotient that does not terminate is rounded to
 * 16 significant digits, as OPA's float conversion prints it.
 */
public final class OperatorBuiltins {
  private static final MathContext DIVISION = MathContext.DECIMAL64;

  private OperatorBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.register("plus", 2, (c, a) -> num(Args.number("plus", a, 0).decimal().add(Args.number("plus", a, 1).decimal())));
    r.register("mul", 2, (c, a) -> num(Args.number("mul", a, 0).decimal().multiply(Args.number("mul", a, 1).decimal())));
    r.register("minus", 2, (c, a) -> minus(a));
    r.register("div", 2, (c, a) -> div(a));
    r.register("rem", 2, (c, a) -> rem(a));
    r.register("equal", 2, (c, a) -> BooleanValue.of(a[0].equals(a[1])));
    r.register("neq", 2, (c, a) -> BooleanValue.of(!a[0].equals(a[1])));
    r.register("lt", 2, (c, a) -> BooleanValue.of(a[0].compareTo(a[1]) < 0));
    r.register("lte", 2, (c, a) -> BooleanValue.of(a[0].compareTo(a[1]) <= 0));
    r.register("gt", 2, (c, a) -> BooleanValue.of(a[0].compareTo(a[1]) > 0));
    r.register("gte", 2, (c, a) -> BooleanValue.of(a[0].compareTo(a[1]) >= 0));
    r.register("and", 2, (c, a) -> Args.set("and", a, 0).intersect(Args.set("and", a, 1)));
    r.register("or", 2, (c, a) -> Args.set("or", a, 0).union(Args.set("or", a, 1)));
  }

  private static Value num(BigDecimal d) {
    return NumberValue.of(d);
  }

  static Value minus(Value[] a) {
    if (a[0] instanceof NumberValue x) {
      return num(x.decimal().subtract(Args.number("minus", a, 1).decimal()));
    }
    if (a[0] instanceof SetValue s) {
      return s.minus(Args.set("minus", a, 1));
    }
    throw Args.typeError("minus", 1, a[0], "number", "set");
  }

  static Value div(Value[] a) {
    BigDecimal x = Args.number("div", a, 0).decimal();
    BigDecimal y = Args.number("div", a, 1).decimal();
    if (y.signum() == 0) {
      throw BuiltinError.of("div", "divide by zero");
    }
    try {
      return num(x.divide(y));
    } catch (ArithmeticException nonTerminating) {
      return num(x.divide(y, DIVISION));
    }
  }

  static Value rem(Value[] a) {
    NumberValue x = Args.number("rem", a, 0);
    NumberValue y = Args.number("rem", a, 1);
    if (!x.isInteger() || !y.isInteger()) {
      throw BuiltinError.of("rem", "modulo on floating-point number");
    }
    BigInteger d = y.bigInteger();
    if (d.signum() == 0) {
      throw BuiltinError.of("rem", "modulo by zero");
    }
    return NumberValue.of(x.bigInteger().remainder(d));
  }
}
