package dev.maa.aspectj;

import dev.maa.core.Gatekeeper;
import java.lang.reflect.Method;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Routes every execution of a method annotated {@link dev.maa.api.Protected} to the one {@link Gatekeeper}, as
 * maa-agent does. Weave it at compile time (aspectj-maven-plugin, {@code <aspectLibraries>} naming this artifact)
 * or at load time ({@code -javaagent:aspectjweaver.jar}; this jar's {@code META-INF/aop.xml} declares the aspect).
 *
 * <p>It holds no policy logic and swallows nothing: what the gatekeeper throws (approval required, denied, fail
 * closed) is what the caller sees, and the body runs only when the gatekeeper lets it. Only methods annotated
 * directly are woven, like the agent; an annotation on an interface method protects implementations only through
 * {@code MaaEngine.protect}.
 */
@Aspect
public class ProtectedAspect {

    @Around("execution(@dev.maa.api.Protected * *(..))")
    public Object guard(ProceedingJoinPoint call) throws Throwable {
        Method method = ((MethodSignature) call.getSignature()).getMethod();
        return Gatekeeper.global().invoke(method, call.getThis(), call.getArgs(), call::proceed);
    }
}
