package dev.maa.rego;

/** Rego source that cannot be parsed; the policy author must fix the text. */
public class RegoParseException extends RegoException {
    public RegoParseException(String code, Location location, String text) {
        super(code, location, text);
    }
}
