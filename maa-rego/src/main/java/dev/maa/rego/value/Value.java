package dev.maa.rego.value;

/**
 * An immutable Rego value: null, boolean, number, string, array, set or object.
 *
 * <p>Values are totally ordered across types as OPA orders them (null &lt; boolean &lt; number
 * &lt; string &lt; array &lt; object &lt; set), which fixes the iteration order of sets and
 * objects and the result of {@code sort}. Equality is structural; numbers compare numerically,
 * so {@code 1} equals {@code 1.0}.
 */
public sealed interface Value extends Comparable<Value>
        permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, SetValue, ObjectValue {

    /** OPA's type name: {@code null, boolean, number, string, array, set, object}. */
    String typeName();

    /** Rank of the type in OPA's cross-type ordering. */
    int typeRank();

    /** Compares values of the same type; only called when ranks are equal. */
    int compareSameType(Value other);

    @Override
    default int compareTo(Value other) {
        int r = Integer.compare(typeRank(), other.typeRank());
        return r != 0 ? r : compareSameType(other);
    }

    /** Whether this value is a scalar (null, boolean, number or string). */
    default boolean isScalar() {
        return typeRank() <= 3;
    }

    /** Rego text of this value (sets as {@code {1, 2}}, empty set as {@code set()}). */
    default String toRego() {
        return Json.toRego(this);
    }

    /** JSON text as OPA prints it (sets become arrays). */
    default String toJson() {
        return Json.toJson(this);
    }

    static Value of(Object javaValue) {
        return Values.fromJava(javaValue);
    }
}
