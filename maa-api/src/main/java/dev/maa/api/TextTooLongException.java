package dev.maa.api;

/**
 * A justification or review notes longer than {@link TextLimits} allow. Nothing was stored; the caller shortens the
 * text and tries again. The message never repeats the text itself.
 */
public class TextTooLongException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final int length;
    private final int limit;

    public TextTooLongException(String field, int length, int limit, String outcome) {
        super(
                Kind.INVALID_INPUT,
                "The " + field + " is " + length + " characters long; at most " + limit
                        + " are accepted. Shorten it"
                        + " (put details in the ticket or document it names) and try again. " + outcome);
        this.field = field;
        this.length = length;
        this.limit = limit;
    }

    /** The field that was too long, e.g. {@code justification} or {@code notes}. */
    public String field() {
        return field;
    }

    /** The length that was given. */
    public int length() {
        return length;
    }

    /** The limit of the field. */
    public int limit() {
        return limit;
    }
}
