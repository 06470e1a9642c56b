package dev.maa.rego;

/**
 * A position in Rego source: file name, 1-based line and column, and the text of that line.
 *
 * @param file the module name given to the builder (or {@code query} for queries)
 * @param line 1-based line, 0 if unknown
 * @param col 1-based column, 0 if unknown
 * @param sourceLine the text of the line, or empty
 */
public record Location(String file, int line, int col, String sourceLine) {
    public static final Location UNKNOWN = new Location("", 0, 0, "");

    public Location {
        file = file == null ? "" : file;
        sourceLine = sourceLine == null ? "" : sourceLine;
    }

    /** {@code file:line:col}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + col;
    }
}
