package dev.maa.core;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.PolicyUnavailableException;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * Decides whether one call of a {@link dev.maa.api.Protected} method may run. Every interceptor (the JDK proxy
 * of {@link MaaEngine#protect}, the Byte Buddy advice, the AspectJ aspect) delegates here and holds no policy
 * logic of its own.
 *
 * <p>Three ways to call it, pick what the interceptor can express:
 * <ul>
 *   <li>{@link #invoke} for around-style interceptors (proxy, AspectJ {@code @Around});</li>
 *   <li>{@link #enter} / {@link #exit} for enter/exit advice (Byte Buddy);</li>
 *   <li>{@link #check} when only a "before" hook exists.</li>
 * </ul>
 * All return normally when the call may proceed and throw otherwise: {@link AccessDeniedException} (denied,
 * no principal), {@link ApprovalRequiredException} (parked), {@link PolicyUnavailableException} and
 * {@link dev.maa.api.StoreUnavailableException} (fail closed), {@link MaaConfigurationException} (bad
 * annotation or argument type). Methods without {@code @Protected} (directly or inherited) pass untouched.
 */
public interface Gatekeeper {

    /**
     * Lets the call proceed or throws. A break-glass call admitted here is recorded as released with its
     * outcome unobserved; prefer {@link #enter}/{@link #exit} or {@link #invoke} where the outcome is visible.
     */
    void check(Method method, Object target, Object[] args);

    /**
     * Lets the call proceed (returns) or throws. The returned admission is {@code null} for ordinary calls and
     * non-null for calls whose outcome must be recorded (break-glass); hand it to {@link #exit} after the call,
     * whether it returned or threw. Passing {@code null} to {@code exit} is a no-op.
     */
    Admission enter(Method method, Object target, Object[] args);

    /** Records the outcome of a call admitted by {@link #enter}; never throws. */
    void exit(Admission admission, Object result, Throwable thrown);

    /** Around-style: {@link #enter}, run {@code proceed}, {@link #exit}; returns the call's result. */
    Object invoke(Method method, Object target, Object[] args, Proceed proceed) throws Throwable;

    /**
     * The gatekeeper installed for this JVM by {@link MaaEngine#installGlobal()}, for interceptors that cannot
     * be handed an instance.
     *
     * @throws MaaConfigurationException when none is installed: protected calls then fail closed
     */
    static Gatekeeper global() {
        return GlobalGatekeeper.get();
    }

    /**
     * Makes {@code gatekeeper} the one {@link #global()} returns, for a gatekeeper that is not an engine's (a
     * host's own, an interceptor's test double); engines use {@link MaaEngine#installGlobal()}.
     *
     * @throws MaaConfigurationException when another gatekeeper is installed: uninstall it first
     */
    static void installGlobal(Gatekeeper gatekeeper) {
        GlobalGatekeeper.install(Objects.requireNonNull(gatekeeper, "gatekeeper"));
    }

    /** Undoes {@link #installGlobal} if {@code gatekeeper} is the installed one; otherwise does nothing. */
    static void uninstallGlobal(Gatekeeper gatekeeper) {
        GlobalGatekeeper.uninstall(gatekeeper);
    }

    /** The original call, as the interceptor can run it. */
    @FunctionalInterface
    interface Proceed {
        Object proceed() throws Throwable;
    }

    /** An admitted call whose outcome the gatekeeper records in {@link #exit}. Opaque to interceptors. */
    interface Admission {}
}
