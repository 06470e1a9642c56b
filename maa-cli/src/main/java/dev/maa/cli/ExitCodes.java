package dev.maa.cli;

import dev.maa.api.MaaException;
import dev.maa.api.MaaException.Kind;

/**
 * The documented exit codes of {@code maa}. Scripts may rely on them; they never change meaning. An error of MAA
 * exits by its {@link Kind} ({@link #of(Kind)}, one switch), whether it was met locally or read from a server's
 * problem+json {@code kind}, so {@code maa} and {@code maa --server} exit alike.
 *
 * <pre>
 *  0  success
 *  1  the operation failed for another reason (message on stderr)
 *  2  usage error or invalid input (unknown command, bad option, text too long, missing justification)
 *  3  not found (no such request)
 *  4  not allowed (policy denied, self-review, not an approver)
 *  5  conflict (wrong status, another request pending, concurrent change, changed payload, policy revision)
 *  6  unavailable (store or policy engine down; nothing was executed)
 *  7  configuration error (bad config file, annotation, policy, store schema)
 *  8  verification failed (audit chain broken, conformance below floor, policy tests failed)
 * 10  approval required (the call was parked; the request id is printed)
 * 70  internal error (a bug: please report it with the stack trace printed by --verbose)
 * </pre>
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int NOT_ALLOWED = 4;
    public static final int CONFLICT = 5;
    public static final int UNAVAILABLE = 6;
    public static final int CONFIGURATION = 7;
    public static final int VERIFICATION_FAILED = 8;
    public static final int APPROVAL_REQUIRED = 10;
    public static final int INTERNAL = 70;

    private ExitCodes() {}

    /** The exit code for an exception that escaped a command. */
    public static int of(Throwable e) {
        if (e instanceof MaaException m) {
            return of(m.kind());
        }
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return INTERNAL;
    }

    /** The exit code of each kind of MAA error; the one place that decides it. */
    public static int of(Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> NOT_FOUND;
            case NOT_ALLOWED -> NOT_ALLOWED;
            case CONFLICT -> CONFLICT;
            case INVALID_INPUT -> USAGE;
            case APPROVAL_REQUIRED -> APPROVAL_REQUIRED;
            case CONFIGURATION -> CONFIGURATION;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }
}
