package dev.maa.api;

/**
 * The documented limits on free text a person writes into a request, as Microsoft Intune sets them: the
 * justification of a parked call and the notes of a review (approve, reject, withdraw, cancel reason,
 * post-emergency review) at most {@value #MAX_JUSTIFICATION} characters, names (principal ids, group names, access
 * policy and stage names) at most {@value #MAX_NAME}. Text is stored, shown in every list,
 * sent in notifications and hashed into the audit chain, so an unbounded value (a pasted log, a 10 MB string) would
 * reach the store and every reader; instead it is refused before anything is stored, with
 * {@link TextTooLongException} naming the field and the limit. Lengths count UTF-16 chars ({@link String#length()}).
 */
public final class TextLimits {

    /** At most 1,024 characters (Intune's limit): a ticket reference and a few sentences; details belong in the ticket. */
    public static final int MAX_JUSTIFICATION = 1_024;

    /** At most 1,024 characters of review notes (or a cancel or withdrawal reason), as Intune's approver notes. */
    public static final int MAX_NOTES = 1_024;

    /**
     * At most 128 characters (code points) for a name: a principal id or group name ({@link Identities}), an access
     * policy or stage name (the policy reader), as Intune's display names.
     */
    public static final int MAX_NAME = 128;

    private TextLimits() {}

    /**
     * Returns {@code value} when it is at most {@code max} characters long.
     *
     * @param field   what the value is, as the caller knows it ("justification", "notes")
     * @param outcome what did not happen, for the message ("Nothing was parked.")
     * @throws TextTooLongException when it is longer
     */
    public static String check(String field, String value, int max, String outcome) {
        if (value != null && value.length() > max) {
            throw new TextTooLongException(field, value.length(), max, outcome);
        }
        return value;
    }
}
