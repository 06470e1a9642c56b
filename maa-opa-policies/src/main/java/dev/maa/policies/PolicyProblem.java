package dev.maa.policies;

/**
 * One thing wrong with a policy file, at a position an editor can jump to.
 *
 * @param file    the file name within the policy directory
 * @param line    1-based line, 0 if unknown
 * @param column  1-based column, 0 if unknown
 * @param field   the field path, e.g. {@code access_policies[2].ttl}, or empty
 * @param message what is wrong and what is expected
 */
public record PolicyProblem(String file, int line, int column, String field, String message) {

    public PolicyProblem {
        file = file == null ? "" : file;
        field = field == null ? "" : field;
    }

    /** {@code file:line:col: field: message}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
