package dev.maa.core.cache;

import dev.maa.api.CallContext;
import dev.maa.api.Decision;
import dev.maa.api.Principal;
import dev.maa.core.ProtectedMethod;

/**
 * A policy engine that can admit a repeated, already-allowed call before the gatekeeper reads the arguments,
 * encodes the call or builds a {@code PolicyInput}. Only allow is answered here; deny and require-approval always
 * take the full path (deny is audited, require-approval parks).
 *
 * <p>The gatekeeper calls {@link #admits} first with the principal exactly as its {@code PrincipalProvider}
 * returned it, and {@link #allowed} after a full decision said allow for the same call.
 */
public interface AllowFastPath {

    /**
     * Whether a fresh cached allow covers this call. Must not allocate or block, and must return {@code false}
     * whenever in doubt.
     */
    boolean admits(ProtectedMethod method, Principal caller, CallContext context, Object[] args);

    /** Records that the full path allowed this call, so that the next identical one may be admitted early. */
    void allowed(ProtectedMethod method, Principal caller, CallContext context, Object[] args, Decision decision);
}
