package dev.maa.cli;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.MaaUnavailableException;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.RequestNotFoundException;

/**
 * The documented exit codes of {@code maa}. Scripts may rely on them; they never change meaning.
 *
 * <pre>
 *  0  success
 *  1  the operation failed for another reason (message on stderr)
 *  2  usage error (unknown command, bad option)
 *  3  not found (no such request)
 *  4  not allowed (policy denied, self-review, not an approver)
 *  5  conflict (wrong status, another request pending, concurrent change)
 *  6  unavailable (store or policy engine down; nothing was executed)
 *  7  configuration error (bad config file, annotation, policy)
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

    private ExitCodes() {
    }

    /** The exit code for an exception that escaped a command. */
    public static int of(Throwable e) {
        if (e instanceof RequestNotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof AccessDeniedException) {
            return NOT_ALLOWED;
        }
        if (e instanceof IllegalRequestStateException || e instanceof RequestAlreadyPendingException
                || e instanceof ConcurrentUpdateException || e instanceof PayloadIntegrityException) {
            return CONFLICT;
        }
        if (e instanceof MaaUnavailableException) {
            return UNAVAILABLE;
        }
        if (e instanceof MaaConfigurationException) {
            return CONFIGURATION;
        }
        if (e instanceof ApprovalRequiredException) {
            return APPROVAL_REQUIRED;
        }
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return INTERNAL;
    }
}
