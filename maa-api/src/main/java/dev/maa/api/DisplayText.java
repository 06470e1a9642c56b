package dev.maa.api;

/**
 * The one rule for showing text from requests (object ids, arguments, justifications, notes) to a human:
 * characters a reader cannot see, or that change how the text around them looks, are replaced by a visible
 * {@code ⟨U+202E⟩}.
 *
 * <p>Why: an approver approves what they read. A right-to-left override turns {@code app-\u202Edorp-tset} into
 * what looks like {@code app-test-prod}, a zero-width space makes {@code app-prod\u200B} look like
 * {@code app-prod}, and terminal escape sequences in a justification can clear a screen or print a coloured fake
 * "APPROVED". Escaped, each shows as what it is. The CLI, the notifications and the server's rendering use this
 * class; the web console has the same rule as one JavaScript function ({@code displayText} in {@code app.js}).
 *
 * <p>Escaped: control characters (C0 except the line feed of {@link #escape}, DEL, C1), format characters
 * (Unicode category Cf: bidirectional controls, zero-width characters, the byte order mark, soft hyphen, tags),
 * line and paragraph separators, unpaired surrogates, and the invisible fillers that are not format characters
 * (U+034F, U+115F, U+1160, U+17B4, U+17B5, U+3164, U+FFA0). Everything else, including every visible letter of
 * every script, is kept.
 */
public final class DisplayText {

    /** Opens an escape; a reader sees {@code ⟨U+200B⟩}. */
    public static final char OPEN = '\u27E8';
    /** Closes an escape. */
    public static final char CLOSE = '\u27E9';

    private DisplayText() {}

    /** {@code text} with every hidden character escaped; line feeds are kept (multi-line fields such as notes). */
    public static String escape(String text) {
        return escape(text, true);
    }

    /** {@code text} on one line: hidden characters and line feeds escaped (ids, table cells, headers). */
    public static String escapeLine(String text) {
        return escape(text, false);
    }

    /** Whether {@link #escape} would change {@code text} other than by keeping its line feeds. */
    public static boolean hasHidden(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp != '\n' && isHidden(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Whether the code point is one this class escapes (the line feed counts as hidden here). */
    public static boolean isHidden(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default ->
                cp == 0x034F
                        || cp == 0x115F
                        || cp == 0x1160
                        || cp == 0x17B4
                        || cp == 0x17B5
                        || cp == 0x3164
                        || cp == 0xFFA0;
        };
    }

    private static String escape(String text, boolean keepLineFeeds) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean hide = isHidden(cp) && !(keepLineFeeds && cp == '\n');
            if (hide && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (hide) {
                out.append(OPEN).append("U+").append(hex(cp)).append(CLOSE);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    private static String hex(int cp) {
        String h = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
        return h.length() >= 4 ? h : "0".repeat(4 - h.length()) + h;
    }
}
