package dev.maa.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates Go RE2 syntax to an equivalent {@link java.util.regex.Pattern}, rejecting what RE2
 * rejects (look-around, back-references, possessive and atomic forms, {@code \Z}, repeat counts
 * over 1000) and rewriting what Java reads differently: {@code $} (end of text unless
 * multi-line), {@code \s} and {@code \v} (no vertical tab / different class), octal escapes,
 * POSIX classes, {@code [} and {@code &&} inside classes, named groups and Unicode scripts.
 * Errors carry Go's {@code error parsing regexp: ...} text for the RE2-specific cases.
 */
final class Re2Translator {
    private static final Set<String> CATEGORIES = Set.of(
            "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl",
            "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");
    private static final String POSIX = "alnum:Alnum,alpha:Alpha,ascii:ASCII,blank:Blank,cntrl:Cntrl,digit:Digit,"
            + "graph:Graph,lower:Lower,print:Print,punct:Punct,space:Space,upper:Upper,xdigit:XDigit";
    private static final String SPACE = "\\t\\n\\f\\r ";

    /** A compiled translation: the Java pattern and the RE2 group names by group number (null if unnamed). */
    record Compiled(Pattern pattern, List<String> groupNames) {}

    /** Raised for patterns RE2 rejects; the message is Go's text. */
    static final class Re2SyntaxError extends Exception {
        Re2SyntaxError(String message) {
            super("error parsing regexp: " + message, null, false, false);
        }
    }

    private final String re;
    private final StringBuilder out = new StringBuilder();
    private final List<String> names = new ArrayList<>();
    private boolean multiline;
    private int i;

    private Re2Translator(String re) {
        this.re = re;
        names.add(null);
    }

    static Compiled compile(String re2) throws Re2SyntaxError {
        Re2Translator t = new Re2Translator(re2);
        t.translate();
        try {
            return new Compiled(Pattern.compile(t.out.toString(), Pattern.UNIX_LINES | Pattern.UNICODE_CASE), t.names);
        } catch (PatternSyntaxException e) {
            throw new Re2SyntaxError(e.getDescription() + ": `" + re2 + "`");
        }
    }

    private void translate() throws Re2SyntaxError {
        while (i < re.length()) {
            char c = re.charAt(i);
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> charClass();
                case '(' -> group();
                case '$' -> {
                    out.append(multiline ? "$" : "\\z");
                    i++;
                }
                case '*', '+', '?' -> {
                    out.append(c);
                    i++;
                    repetitionSuffix(String.valueOf(c));
                }
                case '{' -> repeat();
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
    }

    /** After a repetition operator: a lazy {@code ?} is fine, a possessive {@code +} is not RE2. */
    private void repetitionSuffix(String op) throws Re2SyntaxError {
        if (i < re.length() && re.charAt(i) == '?') {
            out.append('?');
            i++;
        }
        if (i < re.length() && (re.charAt(i) == '+' || re.charAt(i) == '*')) {
            throw new Re2SyntaxError("invalid nested repetition operator: `" + op + re.charAt(i) + "`");
        }
    }

    private void repeat() throws Re2SyntaxError {
        java.util.regex.Matcher m = Pattern.compile("\\{(\\d+)(,(\\d*))?}").matcher(re);
        if (!m.find(i) || m.start() != i) {
            out.append("\\{");
            i++;
            return;
        }
        long min = Long.parseLong(m.group(1).length() > 9 ? "9999999999" : m.group(1));
        String maxText = m.group(3);
        long max = maxText == null || maxText.isEmpty()
                ? -1
                : Long.parseLong(maxText.length() > 9 ? "9999999999" : maxText);
        if (min > 1000 || max > 1000 || (max >= 0 && max < min)) {
            throw new Re2SyntaxError("invalid repeat count: `" + m.group() + "`");
        }
        out.append(m.group());
        i = m.end();
        repetitionSuffix(m.group());
    }

    private void group() throws Re2SyntaxError {
        if (!re.startsWith("(?", i)) {
            names.add(null);
            out.append('(');
            i++;
            return;
        }
        if (re.startsWith("(?P<", i)
                || (re.startsWith("(?<", i) && !re.startsWith("(?<=", i) && !re.startsWith("(?<!", i))) {
            int start = re.indexOf('<', i) + 1;
            int end = re.indexOf('>', start);
            String name = end < 0 ? "" : re.substring(start, end);
            if (end < 0 || !name.matches("[A-Za-z0-9_]+") || names.contains(name)) {
                throw new Re2SyntaxError(
                        (names.contains(name) ? "duplicate capture group name" : "invalid named capture") + ": `"
                                + re.substring(i, end < 0 ? re.length() : end + 1) + "`");
            }
            names.add(name);
            out.append('(');
            i = end + 1;
            return;
        }
        int j = i + 2;
        while (j < re.length() && "imsU-".indexOf(re.charAt(j)) >= 0) {
            j++;
        }
        if (j >= re.length() || (re.charAt(j) != ')' && re.charAt(j) != ':') || j == i + 2 && re.charAt(j) == ')') {
            throw new Re2SyntaxError(
                    "invalid or unsupported Perl syntax: `" + re.substring(i, Math.min(re.length(), j + 1)) + "`");
        }
        String flags = re.substring(i + 2, j);
        if (flags.contains("U")) {
            throw new Re2SyntaxError(
                    "ungreedy flag (?U) is not supported by this engine: `" + re.substring(i, j + 1) + "`");
        }
        if (flags.contains("m") && !flags.startsWith("-")) {
            if (!(i == 0 && re.charAt(j) == ')') || flags.contains("-")) {
                throw new Re2SyntaxError("the m flag is only supported at the start of the pattern by this engine: `"
                        + re.substring(i, j + 1) + "`");
            }
            multiline = true;
        }
        out.append(re, i, j + 1);
        i = j + 1;
    }

    private void escape(boolean inClass) throws Re2SyntaxError {
        if (i + 1 >= re.length()) {
            throw new Re2SyntaxError("trailing backslash at end of expression: ``");
        }
        char e = re.charAt(i + 1);
        String text = re.substring(i, i + 2);
        i += 2;
        switch (e) {
            case 'a', 'f', 't', 'n', 'r', 'd', 'D', 'w', 'W' -> out.append(text);
            case 'v' -> out.append("\\x0B");
            case 's' -> out.append(inClass ? SPACE : "[" + SPACE + "]");
            case 'S' -> out.append("[^" + SPACE + "]");
            case 'A', 'z', 'b', 'B' -> {
                if (inClass) {
                    throw new Re2SyntaxError("invalid escape sequence: `" + text + "`");
                }
                // Java's \b looks at Unicode letters; RE2's word boundary is ASCII \w only.
                out.append(
                        switch (e) {
                            case 'b' -> "(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))";
                            case 'B' -> "(?:(?<=\\w)(?=\\w)|(?<!\\w)(?!\\w))";
                            default -> text;
                        });
            }
            case 'Q' -> {
                int end = re.indexOf("\\E", i);
                String lit = end < 0 ? re.substring(i) : re.substring(i, end);
                i = end < 0 ? re.length() : end + 2;
                for (int k = 0; k < lit.length(); k++) {
                    appendLiteral(lit.charAt(k));
                }
            }
            case 'x' -> hexEscape();
            case 'p', 'P' -> unicodeClass(e);
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                if (e != '0' && !(i < re.length() && re.charAt(i) >= '0' && re.charAt(i) <= '7')) {
                    throw new Re2SyntaxError("invalid escape sequence: `" + text + "`");
                }
                int v = e - '0';
                for (int k = 0; k < 2 && i < re.length() && re.charAt(i) >= '0' && re.charAt(i) <= '7'; k++) {
                    v = v * 8 + (re.charAt(i++) - '0');
                }
                out.append(String.format("\\x{%x}", v));
            }
            default -> {
                if (e < 0x80 && !Character.isLetterOrDigit(e) && e != '_') {
                    appendLiteral(e);
                } else {
                    throw new Re2SyntaxError("invalid escape sequence: `" + text + "`");
                }
            }
        }
    }

    private void appendLiteral(char c) {
        if ("\\[](){}.*+?^$|&-#".indexOf(c) >= 0) {
            out.append('\\');
        }
        out.append(c);
    }

    private void hexEscape() throws Re2SyntaxError {
        if (i < re.length() && re.charAt(i) == '{') {
            int end = re.indexOf('}', i);
            String hex = end < 0 ? "" : re.substring(i + 1, end);
            if (end < 0 || !hex.matches("[0-9a-fA-F]{1,8}") || Long.parseLong(hex, 16) > 0x10FFFF) {
                throw new Re2SyntaxError(
                        "invalid escape sequence: `\\x" + re.substring(i, end < 0 ? re.length() : end + 1) + "`");
            }
            out.append("\\x{").append(hex).append('}');
            i = end + 1;
            return;
        }
        if (i + 2 > re.length() || !re.substring(i, i + 2).matches("[0-9a-fA-F]{2}")) {
            throw new Re2SyntaxError(
                    "invalid escape sequence: `\\x" + re.substring(i, Math.min(re.length(), i + 2)) + "`");
        }
        out.append("\\x").append(re, i, i + 2);
        i += 2;
    }

    private void unicodeClass(char p) throws Re2SyntaxError {
        String name;
        if (i < re.length() && re.charAt(i) == '{') {
            int end = re.indexOf('}', i);
            if (end < 0) {
                throw new Re2SyntaxError("invalid character class range: `\\" + p + re.substring(i) + "`");
            }
            name = re.substring(i + 1, end);
            i = end + 1;
        } else if (i < re.length()) {
            name = String.valueOf(re.charAt(i++));
        } else {
            throw new Re2SyntaxError("invalid character class range: `\\" + p + "`");
        }
        boolean negate = p == 'P';
        if (name.startsWith("^")) {
            negate = !negate;
            name = name.substring(1);
        }
        String javaName;
        if (CATEGORIES.contains(name)) {
            javaName = name;
        } else if (name.equals("Any")) {
            out.append(negate ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]");
            return;
        } else {
            try {
                Character.UnicodeScript.forName(name);
                javaName = "Is" + name;
            } catch (IllegalArgumentException e) {
                throw new Re2SyntaxError("invalid character class range: `\\" + p + "{" + name + "}`");
            }
        }
        out.append('\\').append(negate ? 'P' : 'p').append('{').append(javaName).append('}');
    }

    private void charClass() throws Re2SyntaxError {
        int start = i;
        out.append('[');
        i++;
        if (i < re.length() && re.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean first = true;
        while (true) {
            if (i >= re.length()) {
                throw new Re2SyntaxError("missing closing ]: `" + re.substring(start) + "`");
            }
            char c = re.charAt(i);
            if (c == ']' && !first) {
                out.append(']');
                i++;
                return;
            }
            first = false;
            if (c == '[' && re.startsWith("[:", i)) {
                int end = re.indexOf(":]", i + 2);
                if (end > 0) {
                    String name = re.substring(i + 2, end);
                    boolean neg = name.startsWith("^");
                    String key = neg ? name.substring(1) : name;
                    String java = key.equals("word") ? "\\w" : posix(key);
                    if (java == null) {
                        throw new Re2SyntaxError("invalid character class range: `" + re.substring(i, end + 2) + "`");
                    }
                    out.append(neg ? (java.equals("\\w") ? "\\W" : java.replace("\\p", "\\P")) : java);
                    i = end + 2;
                    continue;
                }
            }
            if (c == '\\') {
                escape(true);
            } else {
                if (c == '[' || c == '&' || c == ']' || c == '^') {
                    out.append('\\');
                }
                out.append(c);
                i++;
            }
        }
    }

    private static String posix(String name) {
        for (String pair : POSIX.split(",")) {
            String[] kv = pair.split(":");
            if (kv[0].equals(name)) {
                return "\\p{" + kv[1] + "}";
            }
        }
        return null;
    }
}
