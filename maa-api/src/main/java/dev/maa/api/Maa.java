package dev.maa.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Thread-scoped context for protected calls. Scopes nest and restore the outer context on close:
 *
 * <pre>{@code
 * try (var j = Maa.justify("CHG-1234 remove retired app")) {
 *     apps.deleteApp("app-42");
 * }
 * }</pre>
 *
 * <p>The context is per thread: work handed to other threads must open its own scope.
 */
public final class Maa {

    private static final ThreadLocal<CallContext> CONTEXT = new ThreadLocal<>();

    private Maa() {}

    /** A scope in which protected calls carry {@code justification}. */
    public static Scope justify(String justification) {
        requireText(justification, "justification");
        CallContext c = context();
        return push(new CallContext(c.principal(), justification, c.urgent(), c.emergency()));
    }

    /** Like {@link #justify(String)}, and flags the requests urgent. */
    public static Scope urgent(String justification) {
        requireText(justification, "justification");
        CallContext c = context();
        return push(new CallContext(c.principal(), justification, true, c.emergency()));
    }

    /**
     * A break-glass scope: for a principal configured as an emergency account, protected calls run at once
     * and are recorded for post-emergency review. For anyone else the flag changes nothing.
     */
    public static Scope emergency(String justification) {
        requireText(justification, "emergency justification");
        CallContext c = context();
        return push(new CallContext(c.principal(), justification, c.urgent(), true));
    }

    /**
     * A scope in which the host declares who is calling, after authenticating them itself. Read by the
     * default {@link PrincipalProvider}; hosts with their own security context supply their own provider.
     * The id is put in canonical form ({@link Identities}).
     *
     * @throws InvalidIdentityException if the id has no canonical form (invisible characters, mixed scripts)
     */
    public static Scope actingAs(Principal principal) {
        Objects.requireNonNull(principal, "principal");
        Principal canonical = principal.canonical();
        CallContext c = context();
        return push(new CallContext(Optional.of(canonical), c.justification(), c.urgent(), c.emergency()));
    }

    /** The current thread's context (empty values when no scope is open). */
    public static CallContext context() {
        CallContext c = CONTEXT.get();
        return c == null ? CallContext.EMPTY : c;
    }

    private static Scope push(CallContext next) {
        CallContext previous = CONTEXT.get();
        CONTEXT.set(next);
        return new Scope(previous);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "The " + what + " must not be blank; say why the change is needed, e.g. a ticket id.");
        }
    }

    /** Closing restores the context that was current when the scope opened. Close on the same thread. */
    public static final class Scope implements AutoCloseable {
        private final CallContext previous;
        private boolean closed;

        private Scope(CallContext previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                CONTEXT.remove();
            } else {
                CONTEXT.set(previous);
            }
        }
    }
}
