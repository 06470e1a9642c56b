package dev.maa.spring.boot.autoconfigure;

import dev.maa.core.Gatekeeper;
import dev.maa.core.MaaEngine;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;

/**
 * Hands each call of a {@code @Protected} bean method to the one {@link Gatekeeper} and proceeds or throws, holding
 * no policy logic (as Spring Security's {@code AuthorizationManagerBeforeMethodInterceptor}). The gatekeeper is
 * looked up on the first call, so creating the advisor early (auto-proxy creators do) creates no store or engine.
 */
final class ProtectedMethodInterceptor implements MethodInterceptor {

    private final Supplier<MaaEngine> engine;
    private final Map<MethodClassKey, Method> targets = new ConcurrentHashMap<>();
    private volatile Gatekeeper gatekeeper;

    ProtectedMethodInterceptor(Supplier<MaaEngine> engine) {
        this.engine = engine;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        Method method = invocation.getMethod();
        if (target != null) {
            Class<?> type = target.getClass();
            Method called = method;
            // the implementation's method: its class is what is recorded and replayed, as MaaEngine.protect does
            method = targets.computeIfAbsent(
                    new MethodClassKey(called, type),
                    k -> ReactiveGuard.blockingOnly(AopUtils.getMostSpecificMethod(called, type)));
        }
        ReactiveGuard.offEventLoop(method);
        return gatekeeper().invoke(method, target, invocation.getArguments(), invocation::proceed);
    }

    private Gatekeeper gatekeeper() {
        Gatekeeper g = gatekeeper;
        if (g == null) {
            g = engine.get().gatekeeper();
            gatekeeper = g;
        }
        return g;
    }
}
