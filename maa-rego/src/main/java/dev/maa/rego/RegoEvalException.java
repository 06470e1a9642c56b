package dev.maa.rego;

/** An error raised while evaluating a query (conflicts, strict builtin errors, type errors). */
public class RegoEvalException extends RegoException {
    public RegoEvalException(String code, Location location, String text) {
        super(code, location, text);
    }
}
