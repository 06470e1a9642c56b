package dev.maa.agent.internal;

import dev.maa.api.MaaConfigurationException;
import dev.maa.core.ProtectedMethods;
import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice;

/**
 * Advice on the type initializer of every class that declares {@code @Protected} methods: validates each of them
 * with {@link ProtectedMethods#find} as the class comes into use (what {@code describeAll} does, but reporting
 * every bad method rather than the first) and logs each annotation mistake once, naming class, method and
 * attribute. A mistake never breaks class initialization: the gatekeeper caches the
 * failed description and refuses every call of that method (fail closed).
 *
 * <p>Inlined like {@link ProtectedAdvice} (or copied, by {@link ProtectedWeaver}), so {@code ProtectedMethods} is
 * the one the class's loader sees. Catches what it can itself, because the copied body has no Byte Buddy
 * {@code suppress}: a validation fault must never break class initialization.
 */
public final class ClassInitValidation {

    private ClassInitValidation() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Origin Class<?> type) {
        try {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isSynthetic() || method.isBridge()) {
                    continue;
                }
                try {
                    ProtectedMethods.find(method);
                } catch (MaaConfigurationException e) {
                    System.getLogger("dev.maa.agent")
                            .log(
                                    System.Logger.Level.ERROR,
                                    "maa-agent: invalid @Protected"
                                            + " annotation in " + type.getName() + ": " + e.getMessage()
                                            + " Calls of that method are refused until it is fixed.");
                } catch (RuntimeException e) {
                    System.getLogger("dev.maa.agent")
                            .log(System.Logger.Level.ERROR, "maa-agent: could not" + " validate " + method + ": " + e);
                }
            }
        } catch (LinkageError e) {
            System.getLogger("dev.maa.agent")
                    .log(
                            System.Logger.Level.ERROR,
                            "maa-agent: " + type.getName() + " declares @Protected methods but MAA core cannot be used"
                                    + " from its class loader (" + e + "); its protected calls will be refused until"
                                    + " maa-core is on the application class path.");
        }
    }
}
