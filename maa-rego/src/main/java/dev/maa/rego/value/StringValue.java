package dev.maa.rego.value;

/** A Rego string. */
public record StringValue(String value) implements Value {
  public StringValue {
    java.util.Objects.requireNonNull(value, "value");
  }

  public static StringValue of(String s) {
    return new StringValue(s);
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public int typeRank() {
    return 3;
  }

  @Override
  public int compareSameType(Value other) {
    return value.compareTo(((StringValue) other).value);
  }

  @Override
  public String toString() {
    return toRego();
  }
}
