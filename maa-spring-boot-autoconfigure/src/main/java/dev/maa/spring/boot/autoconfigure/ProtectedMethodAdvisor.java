package dev.maa.spring.boot.autoconfigure;

import dev.maa.core.MaaEngine;
import dev.maa.core.ProtectedMethods;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.aopalliance.aop.Advice;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Intercepts the {@code @Protected} methods of Spring beans with Spring AOP, so an application needs no agent: the
 * pointcut matches methods {@link ProtectedMethods} finds on the bean's class (directly or inherited, validated as
 * the proxy is created, so an annotation mistake fails start-up), except in classes the Java agent wove
 * ({@link AgentWeaving}). Proxies see only calls made through them: a bean calling its own protected method
 * ({@code this.delete(...)}) is not intercepted, as with every Spring proxy.
 */
public final class ProtectedMethodAdvisor extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient Pointcut pointcut = new ProtectedPointcut();
    private final transient ProtectedMethodInterceptor interceptor;

    public ProtectedMethodAdvisor(Supplier<MaaEngine> engine, int order) {
        this.interceptor = new ProtectedMethodInterceptor(engine);
        setOrder(order);
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return interceptor;
    }

    /** Methods with {@code @Protected} on the target class's implementation, outside agent-woven classes. */
    private static final class ProtectedPointcut extends StaticMethodMatcherPointcut {

        @Override
        public ClassFilter getClassFilter() {
            return type -> !AgentWeaving.woven(type);
        }

        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            Method specific = targetClass == null ? method : AopUtils.getMostSpecificMethod(method, targetClass);
            return ProtectedMethods.find(specific).isPresent();
        }
    }
}
