package dev.maa.rego;

/**
 * Root of all errors raised by the Rego engine.
 *
 * <p>{@link #code()} is OPA's error code (e.g. {@code rego_parse_error}, {@code eval_conflict_error})
 * so callers and the conformance runner can compare with OPA. The message reads
 * {@code file:line:col: code: text}, followed by the offending source line and a caret.
 */
public class RegoException extends RuntimeException {
    private final String code;
    private final Location location;
    private final String text;

    public RegoException(String code, Location location, String text) {
        this(code, location, text, null);
    }

    public RegoException(String code, Location location, String text, Throwable cause) {
        super(format(code, location, text), cause);
        this.code = code;
        this.location = location == null ? Location.UNKNOWN : location;
        this.text = text;
    }

    /** OPA's error code. */
    public String code() {
        return code;
    }

    /** Where the error is, {@link Location#UNKNOWN} if not known. */
    public Location location() {
        return location;
    }

    /** The error text without location and code. */
    public String text() {
        return text;
    }

    /** The message in OPA's own form {@code file:line: code: text} (no column, no caret). */
    public String opaMessage() {
        if (location.line() > 0) {
            return location.file() + ":" + location.line() + ": " + code + ": " + text;
        }
        return code + ": " + text;
    }

    private static String format(String code, Location loc, String text) {
        if (loc == null || loc.line() <= 0) {
            return code + ": " + text;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(loc).append(": ").append(code).append(": ").append(text);
        if (!loc.sourceLine().isEmpty()) {
            sb.append('\n').append(loc.sourceLine()).append('\n');
            for (int i = 1; i < loc.col() && i <= loc.sourceLine().length(); i++) {
                sb.append(loc.sourceLine().charAt(i - 1) == '\t' ? '\t' : ' ');
            }
            sb.append('^');
        }
        return sb.toString();
    }
}
