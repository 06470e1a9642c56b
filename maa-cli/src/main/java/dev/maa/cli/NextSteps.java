package dev.maa.cli;

import dev.maa.api.MaaException;
import dev.maa.api.MaaException.Kind;
import java.util.Optional;

/**
 * The {@code maa} command to run next after an error, printed under its message. The engine's messages name no
 * command of any client (a Spring application or the REST API would show them too); the CLI adds its own from the
 * error's {@link Kind} and the request it is about, so the hint reads the same whether the error was met locally or
 * read from a server's problem+json ({@code kind}, {@code requestId}).
 */
public final class NextSteps {

    private NextSteps() {}

    /** The next step for an error that escaped a command, if there is one to suggest. */
    public static Optional<String> of(Throwable e) {
        if (e instanceof MaaException m) {
            return of(m.kind(), m.requestId());
        }
        if (e instanceof CliException c && c.kind() != null) {
            return of(c.kind(), c.requestId());
        }
        return Optional.empty();
    }

    /** The next step for an error of {@code kind} about {@code requestId} (may be null). */
    static Optional<String> of(Kind kind, String requestId) {
        if (kind == Kind.NOT_FOUND && requestId != null) {
            return Optional.of("List requests with `maa requests list --all`.");
        }
        if (requestId == null) {
            return Optional.empty();
        }
        return switch (kind) {
            case APPROVAL_REQUIRED ->
                Optional.of("Follow it with `maa requests show " + requestId + "`; once approved, run `maa complete "
                        + requestId + "`.");
            case CONFLICT -> Optional.of("See it and its history with `maa requests show " + requestId + "`.");
            default -> Optional.empty();
        };
    }
}
