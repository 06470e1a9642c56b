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
        return compareCodePoints(value, ((StringValue) other).value);
    }

    /**
     * Orders strings by Unicode code point, which is the byte order of their UTF-8 form that OPA
     * (Go) uses; plain {@code String.compareTo} orders surrogate pairs differently.
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x < Character.MIN_SURROGATE && y < Character.MIN_SURROGATE) {
                    return x - y;
                }
                return Integer.compare(a.codePointAt(i), b.codePointAt(i));
            }
        }
        return a.length() - b.length();
    }

    // Hand-written rather than the record's generated (method-handle) versions: these are the
    // hottest calls of key lookups and index probes.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof StringValue s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return toRego();
    }
}
