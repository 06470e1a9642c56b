package dev.maa.api;

import java.text.Normalizer;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one canonical form of identities: every comparison of principal ids and group names (requester against
 * reviewer, group membership, break-glass and service lists, token subjects) goes through here, so that
 * {@code Alice}, {@code alice }, {@code ａｌｉｃｅ} and {@code alıce} are one person and can never approve each
 * other's requests.
 *
 * <p>The rule, applied by {@link #canonical(String)}:
 * <ol>
 *   <li>Unicode NFKC (fullwidth and compatibility forms become their plain letters);</li>
 *   <li>full case folding as {@code toUpperCase(ROOT)} then {@code toLowerCase(ROOT)} (so dotless {@code ı}, the
 *       Kelvin sign and {@code ß} fold to {@code i}, {@code k} and {@code ss}), then NFKC again;</li>
 *   <li>surrounding whitespace trimmed, inner runs of spaces collapsed to one space;</li>
 *   <li>refused ({@link InvalidIdentityException}): blank; longer than {@value #MAX_LENGTH} code points; any
 *       control, format (zero-width, bidi controls, soft hyphen), private-use, unassigned or other
 *       default-ignorable character, or whitespace other than a space; letters of more than one script
 *       (UTS #39 "highly restrictive": Common and Inherited characters such as digits, {@code . - _ @} do not
 *       count, and Latin may mix only with Han+Hiragana+Katakana, Han+Bopomofo or Han+Hangul), so that
 *       {@code аlice} with a Cyrillic {@code а} is refused rather than taken for a different user.</li>
 * </ol>
 *
 * <p>Ids are refused where they enter; {@link #same} and {@link #key} never throw, so data written before ids were
 * checked (a stored requester {@code Alice}, or even one with a zero-width character) still compares by its
 * canonical form, or, lacking one, by a skeleton that drops invisible characters and maps common Cyrillic, Greek
 * and Armenian look-alikes to Latin: an old request by {@code аlice} counts as made by {@code alice}, which errs
 * toward refusing a self-review.
 */
public final class Identities {

    /** The longest accepted identity, in code points: {@link TextLimits#MAX_NAME}. */
    public static final int MAX_LENGTH = TextLimits.MAX_NAME;

    private static final List<Set<Character.UnicodeScript>> ALLOWED_MIXES = List.of(
            EnumSet.of(
                    Character.UnicodeScript.LATIN,
                    Character.UnicodeScript.HAN,
                    Character.UnicodeScript.HIRAGANA,
                    Character.UnicodeScript.KATAKANA),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.BOPOMOFO),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HANGUL));

    /** Look-alikes of Latin letters in other scripts (after folding), for the skeleton of unchecked old ids. */
    private static final String CONFUSABLE_FROM = "асԁеһіјӏорԛѕԝхуүαορνικτυχϲϳօսհո";

    private static final String CONFUSABLE_TO = "acdehijlopqswxyyaopviktuxcjouhn";

    private Identities() {}

    /**
     * The canonical form of {@code id} (see the class comment for the rule).
     *
     * @throws InvalidIdentityException naming the id (invisible characters escaped) and what is wrong with it
     */
    public static String canonical(String id) {
        if (id == null) {
            throw InvalidIdentityException.of(null, "it is missing");
        }
        String ascii = asciiCanonical(id);
        String s = ascii != null ? ascii : collapseSpaces(fold(id));
        if (s.isEmpty()) {
            throw InvalidIdentityException.of(id, "it is blank");
        }
        if (s.codePointCount(0, s.length()) > MAX_LENGTH) {
            throw InvalidIdentityException.of(
                    id,
                    "it is " + s.codePointCount(0, s.length()) + " characters long; at most " + MAX_LENGTH
                            + " are accepted");
        }
        if (ascii == null) {
            requireVisible(id, s);
            requireOneScript(id, s);
        }
        return s;
    }

    /** Whether {@code id} has a canonical form. */
    public static boolean isValid(String id) {
        try {
            canonical(id);
            return true;
        } catch (InvalidIdentityException e) {
            return false;
        }
    }

    /**
     * What two ids are compared by: the canonical form, or for an id without one (only possible in data written
     * before ids were checked) its skeleton. Never throws; {@code null} gives the empty string.
     */
    public static String key(String id) {
        if (id == null) {
            return "";
        }
        try {
            return canonical(id);
        } catch (InvalidIdentityException e) {
            return skeleton(id);
        }
    }

    /** Whether {@code a} and {@code b} name the same identity ({@code false} if either is {@code null}). */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return a.equals(b) || key(a).equals(key(b));
    }

    /** Whether {@code names} holds a name that is the {@link #same} as {@code name}. */
    public static boolean contains(Collection<String> names, String name) {
        if (name == null) {
            return false;
        }
        String k = key(name);
        for (String n : names) {
            if (name.equals(n) || k.equals(key(n))) {
                return true;
            }
        }
        return false;
    }

    /** Whether some name of {@code a} is the {@link #same} as some name of {@code b} (e.g. two group lists). */
    public static boolean anyShared(Collection<String> a, Collection<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        Set<String> keys = keys(a);
        for (String n : b) {
            if (n != null && keys.contains(key(n))) {
                return true;
            }
        }
        return false;
    }

    /** The {@link #key}s of {@code names}. */
    public static Set<String> keys(Collection<String> names) {
        Set<String> out = new HashSet<>();
        for (String n : names) {
            if (n != null) {
                out.add(key(n));
            }
        }
        return out;
    }

    /** {@code id} quoted for a message, with invisible and non-ASCII characters as escapes; at most 80 chars. */
    static String escape(String id) {
        if (id == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder("'");
        id.codePoints().limit(80).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7F) {
                sb.appendCodePoint(cp);
            } else if (isInvisible(cp) || Character.isWhitespace(cp)) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append(id.codePointCount(0, id.length()) > 80 ? "...'" : "'").toString();
    }

    /** The canonical form of a printable-ASCII id without the Unicode machinery (most ids), else {@code null}. */
    private static String asciiCanonical(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                return null;
            }
        }
        return collapseSpaces(id.toLowerCase(Locale.ROOT));
    }

    private static String fold(String id) {
        String s = Normalizer.normalize(id, Normalizer.Form.NFKC);
        return Normalizer.normalize(s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    private static String collapseSpaces(String s) {
        String t = s.strip();
        if (!t.contains("  ")) {
            return t;
        }
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != ' ' || sb.charAt(sb.length() - 1) != ' ') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void requireVisible(String id, String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isInvisible(cp) || cp != ' ' && (Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
                throw InvalidIdentityException.of(
                        id,
                        String.format("it contains the invisible or special character" + " U+%04X (%s)", cp, name(cp)));
            }
            i += Character.charCount(cp);
        }
    }

    private static void requireOneScript(String id, String s) {
        Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
        s.codePoints().forEach(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED) {
                scripts.add(script);
            }
        });
        if (scripts.size() <= 1 || ALLOWED_MIXES.stream().anyMatch(m -> m.containsAll(scripts))) {
            return;
        }
        throw InvalidIdentityException.of(
                id,
                "it mixes the scripts " + scripts
                        + " (a look-alike letter of another script, e.g. a Cyrillic 'а' for a Latin 'a')");
    }

    private static boolean isInvisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.SURROGATE,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> true;
            default -> isDefaultIgnorable(cp);
        };
    }

    /** Default-ignorable code points that are not format characters (Hangul fillers, variation selectors...). */
    private static boolean isDefaultIgnorable(int cp) {
        return cp == 0x034F
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x17B4
                || cp == 0x17B5
                || cp >= 0x180B && cp <= 0x180F
                || cp == 0x3164
                || cp >= 0xFE00 && cp <= 0xFE0F
                || cp == 0xFFA0
                || cp >= 0xE0100 && cp <= 0xE01EF;
    }

    private static String name(int cp) {
        String n = Character.getName(cp);
        return n == null ? "unassigned" : n.toLowerCase(Locale.ROOT);
    }

    /** Folded, invisible characters dropped, spaces collapsed, look-alike letters mapped to Latin. */
    private static String skeleton(String id) {
        String s = fold(id);
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (isInvisible(cp)) {
                return;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                sb.append(' ');
                return;
            }
            int at = cp <= 0xFFFF ? CONFUSABLE_FROM.indexOf(cp) : -1;
            sb.appendCodePoint(at >= 0 ? CONFUSABLE_TO.charAt(at) : cp);
        });
        return collapseSpaces(sb.toString());
    }
}
