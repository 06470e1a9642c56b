package dev.maa.rego.value;

/** A Rego boolean; use {@link #TRUE} and {@link #FALSE}. */
public final class BooleanValue implements Value {
    public static final BooleanValue TRUE = new BooleanValue(true);
    public static final BooleanValue FALSE = new BooleanValue(false);

    private final boolean value;

    private BooleanValue(boolean value) {
        this.value = value;
    }

    public static BooleanValue of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public boolean value() {
        return value;
    }

    @Override
    public String typeName() {
        return "boolean";
    }

    @Override
    public int typeRank() {
        return 1;
    }

    @Override
    public int compareSameType(Value other) {
        return Boolean.compare(value, ((BooleanValue) other).value);
    }

    @Override
    public String toString() {
        return Boolean.toString(value);
    }
}
