package dev.maa.core.internal;

import java.util.function.Supplier;

/**
 * The release token: set on the executing thread while an approved call is replayed, it lets exactly that
 * call (same operation, same payload digest) through the gatekeeper once. Thread-bound by design, so a call
 * made from another thread, a second call, or a call with other arguments gets the normal decision.
 */
public final class ReleaseTokens {

    private static final ThreadLocal<Token> CURRENT = new ThreadLocal<>();

    private ReleaseTokens() {}

    private static final class Token {
        final String requestId;
        final String signature;
        final String digest;
        boolean used;

        Token(String requestId, String signature, String digest) {
            this.requestId = requestId;
            this.signature = signature;
            this.digest = digest;
        }
    }

    /** Opens a token for the replay of {@code requestId}; closing it removes it. */
    public static Scope open(String requestId, String signature, String digest) {
        Token previous = CURRENT.get();
        CURRENT.set(new Token(requestId, signature, digest));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Whether any unused token is open on this thread (for the decision-cache fast path; one ThreadLocal read). */
    public static boolean anyPending() {
        Token t = CURRENT.get();
        return t != null && !t.used;
    }

    /** Whether an unused token for {@code signature} is open on this thread (cheap, no encoding). */
    public static boolean pendingFor(String signature) {
        Token t = CURRENT.get();
        return t != null && !t.used && t.signature.equals(signature);
    }

    /**
     * Uses the token if it is for {@code signature} and the call's digest matches.
     *
     * @return the request id released, or {@code null} if the token does not apply
     */
    public static String consume(String signature, Supplier<String> digest) {
        Token t = CURRENT.get();
        if (t == null || t.used || !t.signature.equals(signature) || !t.digest.equals(digest.get())) {
            return null;
        }
        t.used = true;
        return t.requestId;
    }

    /** Whether the token opened for the current replay was used by a gatekeeper. */
    public static boolean used() {
        Token t = CURRENT.get();
        return t != null && t.used;
    }

    /** Closes a token scope; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
