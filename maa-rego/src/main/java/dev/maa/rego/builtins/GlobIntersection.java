package dev.maa.rego.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code regex.globs_match}: whether two globs in the syntax of OPA's glob-intersection library
 * (characters, {@code .}, classes {@code [a-z]}, each optionally followed by {@code *}, {@code +}
 * or {@code ?}; {@code \} escapes) match at least one common string. Decided exactly, on the
 * product of the two patterns' automata.
 */
final class GlobIntersection {
    private static final String NAME = "regex.globs_match";

    private GlobIntersection() {}

    /** One token: a set of code points ({@code null} for any character) and a repetition flag. */
    private record Token(Set<Integer> chars, char flag) {
        boolean optional() {
            return flag == '*' || flag == '?';
        }

        boolean repeats() {
            return flag == '*' || flag == '+';
        }
    }

    static boolean nonEmpty(String a, String b) {
        List<Token> x = tokenize(a);
        List<Token> y = tokenize(b);
        Deque<int[]> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        queue.add(new int[] {0, 0});
        while (!queue.isEmpty()) {
            int[] s = queue.poll();
            if (!seen.add(((long) s[0] << 32) | s[1])) {
                continue;
            }
            // Epsilon moves past optional tokens.
            if (s[0] < x.size() && x.get(s[0]).optional()) {
                queue.add(new int[] {s[0] + 1, s[1]});
            }
            if (s[1] < y.size() && y.get(s[1]).optional()) {
                queue.add(new int[] {s[0], s[1] + 1});
            }
            if (s[0] == x.size() && s[1] == y.size()) {
                return true;
            }
            if (s[0] < x.size() && s[1] < y.size() && overlap(x.get(s[0]), y.get(s[1]))) {
                // Consume one common character; a repeating token may stay where it is.
                for (int i : x.get(s[0]).repeats() ? new int[] {s[0], s[0] + 1} : new int[] {s[0] + 1}) {
                    for (int j : y.get(s[1]).repeats() ? new int[] {s[1], s[1] + 1} : new int[] {s[1] + 1}) {
                        queue.add(new int[] {i, j});
                    }
                }
            }
        }
        return false;
    }

    private static boolean overlap(Token a, Token b) {
        if (a.chars() == null || b.chars() == null) {
            return true;
        }
        for (int c : a.chars()) {
            if (b.chars().contains(c)) {
                return true;
            }
        }
        return false;
    }

    private static BuiltinError invalid(int pos, String message) {
        return BuiltinError.of(NAME, "the input provided is invalid: pos:" + pos + ":" + message);
    }

    static List<Token> tokenize(String glob) {
        int[] cps = glob.codePoints().toArray();
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            Set<Integer> chars;
            if (c == '\\') {
                if (i + 1 >= cps.length) {
                    throw invalid(i, "input ends with a \\ (escape) character");
                }
                chars = Set.of(cps[i + 1]);
                i += 2;
            } else if (c == '.') {
                chars = null;
                i++;
            } else if (c == '[') {
                chars = new HashSet<>();
                i++;
                boolean closed = false;
                int prev = -1;
                while (i < cps.length && !closed) {
                    int r = cps[i];
                    if (r == '\\' && i + 1 < cps.length) {
                        prev = cps[i + 1];
                        chars.add(prev);
                        i += 2;
                    } else if (r == ']') {
                        closed = true;
                        i++;
                    } else if (r == '-') {
                        if (prev < 0) {
                            throw invalid(i + 1, "range character '-' must be preceded by a Unicode character");
                        }
                        if (i + 1 >= cps.length || cps[i + 1] == ']' || cps[i + 1] == '-') {
                            throw invalid(i + 1, "range character '-' cannot be followed by a special symbol");
                        }
                        int end = cps[i + 1] == '\\' && i + 2 < cps.length ? cps[i + 2] : cps[i + 1];
                        i += cps[i + 1] == '\\' ? 3 : 2;
                        if (end < prev) {
                            throw invalid(i, "range is out of order");
                        }
                        for (int x = prev; x <= end; x++) {
                            chars.add(x);
                        }
                        prev = -1;
                    } else {
                        chars.add(r);
                        prev = r;
                        i++;
                    }
                }
                if (!closed) {
                    throw invalid(i, "found [ without matching ]");
                }
            } else if (c == ']') {
                throw invalid(i + 1, "set-close ']' with no preceding '['");
            } else if (c == '*' || c == '+' || c == '?') {
                throw invalid(i + 1, "flag '" + (char) c + "' must be preceded by a non-flag");
            } else {
                chars = Set.of(c);
                i++;
            }
            char flag = 0;
            if (i < cps.length && (cps[i] == '*' || cps[i] == '+' || cps[i] == '?')) {
                flag = (char) cps[i++];
            }
            out.add(new Token(chars, flag));
        }
        return out;
    }
}
