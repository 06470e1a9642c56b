package dev.maa.rego;

/** A module or query that parses but fails OPA's compile-time checks (safety, recursion, types, unknown functions). */
public class RegoCompileException extends RegoException {
    public RegoCompileException(String code, Location location, String text) {
        super(code, location, text);
    }
}
