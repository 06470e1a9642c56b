package dev.maa.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Whether the MAA Java agent guards a class already: its load-time weaver adds the static synthetic method
 * {@value #ENTER} (maa-agent's {@code ProtectedWeaver}) to every class whose {@code @Protected} methods it wove.
 *
 * <p>Why per class and not "is the agent in this JVM": the woven code is what decides a call, so the advisor steps
 * aside exactly where a second decision (and a second park) would happen, and guards every class the agent did not
 * weave. A class retransformed by a runtime attach after the context created its proxy carries no marker; attach
 * the agent with {@code -javaagent} or set {@code maa.aop.enabled=false} when both are used.
 */
final class AgentWeaving {

    /** The name of the enter advice the agent copies into each woven class. */
    static final String ENTER = "maa$enter";

    private AgentWeaving() {}

    static boolean woven(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isSynthetic()
                        && Modifier.isStatic(m.getModifiers())
                        && m.getName().equals(ENTER)) {
                    return true;
                }
            }
        }
        return false;
    }
}
