package dev.maa.rego.builtins;

/**
 * The subject of a Java regex match with a budget on character reads. RE2 matches in linear time;
 * Java backtracks and can take exponential time on patterns such as {@code (a*)*b}. Every
 * backtracking step reads characters, so a read budget proportional to the input bounds the work
 * and turns a runaway match into a builtin error instead of a hung evaluation.
 */
final class GuardedText implements CharSequence {
    private static final long BASE_BUDGET = 5_000_000L;
    private static final long PER_CHAR = 2_000L;

    private final String name;
    private final String text;
    private final long[] remaining;

    GuardedText(String name, String text) {
        this(name, text, new long[] {BASE_BUDGET + PER_CHAR * text.length()});
    }

    private GuardedText(String name, String text, long[] remaining) {
        this.name = name;
        this.text = text;
        this.remaining = remaining;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (--remaining[0] < 0) {
            throw BuiltinError.of(
                    name,
                    "regular expression needs too much backtracking for this engine"
                            + " (RE2 would match in linear time)");
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new GuardedText(name, text.substring(start, end), remaining);
    }

    @Override
    public String toString() {
        return text;
    }
}
