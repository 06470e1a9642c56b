package dev.maa.rego.builtins;

/**
 * Raised by a builtin. {@link #code()} is {@code eval_builtin_error} unless made by
 * {@link #type(String)}, which gives {@code eval_type_error}. The interpreter attaches the
 * call's location; in OPA's default (non-strict) mode the failing call is undefined instead.
 */
public final class BuiltinError extends RuntimeException {
    public static final String BUILTIN = "eval_builtin_error";
    public static final String TYPE = "eval_type_error";

    private final String code;

    public BuiltinError(String message) {
        this(BUILTIN, message);
    }

    private BuiltinError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** An {@code eval_type_error} with the full message, e.g. {@code count: operand 1 must be ...}. */
    public static BuiltinError type(String message) {
        return new BuiltinError(TYPE, message);
    }

    /** An {@code eval_builtin_error} prefixed with the builtin name: {@code name: message}. */
    public static BuiltinError of(String builtin, String message) {
        return new BuiltinError(BUILTIN, builtin + ": " + message);
    }

    public String code() {
        return code;
    }
}
