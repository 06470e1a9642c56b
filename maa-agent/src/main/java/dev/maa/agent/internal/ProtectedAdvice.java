package dev.maa.agent.internal;

import dev.maa.api.MaaConfigurationException;
import dev.maa.core.Gatekeeper;
import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice woven around every {@link dev.maa.api.Protected} method: the one {@link Gatekeeper} decides, and the
 * body runs only if {@link Gatekeeper#enter} returned.
 *
 * <p>The code is inlined into the instrumented class, so {@code dev.maa.core} and {@code dev.maa.api} resolve
 * from that class's own loader (never from the agent). It is static and field-free. The enter advice does not
 * suppress: the gatekeeper's exceptions ({@code ApprovalRequiredException}, {@code AccessDeniedException} …) are
 * how a call is refused and must reach the caller. An agent fault (maa-core missing from the loader, a linkage
 * mismatch between agent and core) also refuses the protected call, with a message that says what to fix; it
 * never touches unprotected code, which carries no advice at all.
 *
 * <p>Signatures name JDK types only ({@code Object} for the admission): the agent describes this class from its
 * class file and never loads it, so it works in JVMs whose application class path lacks maa-core.
 *
 * <p>{@link ProtectedWeaver} copies the bodies of both methods into the classes it weaves at load time, so the
 * code here is what every guard runs, whichever path wove it.
 *
 * <p>Strings are concatenated with {@code StringBuilder} (the module compiles with
 * {@code -XDstringConcat=inline}) because the advice is copied into classes of any class-file version.
 */
public final class ProtectedAdvice {

    private ProtectedAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(
            @InvokedMethod Method method,
            @Advice.This(optional = true) Object self,
            @Advice.AllArguments Object[] args) {
        try {
            return Gatekeeper.global().enter(method, self, args);
        } catch (LinkageError e) {
            throw new MaaConfigurationException(
                    "maa-agent refused the protected call " + method
                            + " (fail closed): MAA core could not be used from the class loader of "
                            + method.getDeclaringClass().getName() + " (" + e + "). Put maa-api and maa-core with their"
                            + " dependencies on the application class path, in versions that match maa-agent.",
                    e);
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
            @Advice.Enter Object admission,
            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
            @Advice.Thrown Throwable thrown) {
        try {
            if (admission != null) {
                Gatekeeper.global().exit((Gatekeeper.Admission) admission, result, thrown);
            }
        } catch (Throwable ignored) {
            // as suppress = Throwable does for the advice: the call's own outcome wins (ProtectedWeaver copies
            // this body without Byte Buddy's suppression)
        }
    }
}
