package dev.maa.api;

import java.util.Objects;

/**
 * Root of every exception MAA throws. Each one carries a {@link Kind}, fixed by its class's constructor: HTTP
 * statuses, problem+json answers and CLI exit codes are each one exhaustive {@code switch} over it, so an error
 * means the same whether it is met in-process, through {@code maa} locally or through {@code maa --server}.
 * Who must act ({@link #responsible()}) follows from the kind.
 * Messages say what failed, for which id, in what state, and what to do next.
 */
public abstract class MaaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Who can fix the situation. */
    public enum Responsible {
        /** The caller: different input, a justification, wait for approval, ask someone else. */
        CALLER,
        /** The operator: configuration, annotations, allow-lists, policies. */
        OPERATOR,
        /** The environment: a store or policy server is down; retry later. */
        ENVIRONMENT
    }

    /**
     * What kind of failure this is. Kinds are few and stable (wire names in problem+json {@code kind}); a new
     * exception picks one of them rather than adding a kind, so every mapping stays exhaustive.
     */
    public enum Kind {
        /** No such request, revision or other named thing. */
        NOT_FOUND(Responsible.CALLER),
        /** A policy denied it, or this principal may not do it (self-review, not an approver). */
        NOT_ALLOWED(Responsible.CALLER),
        /** The current state does not allow it: wrong status, another request pending, a concurrent change. */
        CONFLICT(Responsible.CALLER),
        /** The input itself is wrong: a text too long, a missing justification, an identity not accepted. */
        INVALID_INPUT(Responsible.CALLER),
        /** The call was parked as an approval request and did not run (yet). */
        APPROVAL_REQUIRED(Responsible.CALLER),
        /** The operator must fix a setting, a policy, an annotation, an allow-list or the store's schema. */
        CONFIGURATION(Responsible.OPERATOR),
        /** A store, policy engine or delivery channel is unavailable; nothing ran (fail closed), retry later. */
        UNAVAILABLE(Responsible.ENVIRONMENT);

        private final Responsible responsible;

        Kind(Responsible responsible) {
            this.responsible = responsible;
        }

        public Responsible responsible() {
            return responsible;
        }
    }

    private final Kind kind;

    protected MaaException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    protected MaaException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The classification every mapping (HTTP status, problem type, exit code) switches over. */
    public final Kind kind() {
        return kind;
    }

    /**
     * The approval request this error is about, or {@code null}. Messages name no command of any client; a client
     * adds its own next step from the kind and this id (the CLI's {@code NextSteps}, the REST API's {@code
     * requestId} field of a problem).
     */
    public String requestId() {
        return null;
    }

    /** Who must act: derived from {@link #kind()}, never decided separately. */
    public final Responsible responsible() {
        return kind.responsible();
    }
}
