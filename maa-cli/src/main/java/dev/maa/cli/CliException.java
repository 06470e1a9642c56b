package dev.maa.cli;

import dev.maa.api.MaaException;

/** A failure the CLI reports with a message and a specific exit code, without a stack trace. */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final MaaException.Kind kind;
    private final String requestId;

    public CliException(int exitCode, String message) {
        this(exitCode, message, null, null);
    }

    /** An error read from a server's problem+json, with its {@code kind} and {@code requestId} when it had them. */
    public CliException(int exitCode, String message, MaaException.Kind kind, String requestId) {
        super(message);
        this.exitCode = exitCode;
        this.kind = kind;
        this.requestId = requestId;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The MAA error kind the server reported, or {@code null}. */
    public MaaException.Kind kind() {
        return kind;
    }

    /** The request the server's error was about, or {@code null}. */
    public String requestId() {
        return requestId;
    }
}
