package dev.maa.rego;

/** A construct or builtin this engine does not implement; never silently answered wrongly. */
public class RegoUnsupportedException extends RegoException {
    public RegoUnsupportedException(String code, Location location, String text) {
        super(code, location, text);
    }
}
