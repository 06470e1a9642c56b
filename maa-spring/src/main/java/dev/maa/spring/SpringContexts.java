package dev.maa.spring;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring-typed half of {@link SpringTargetResolver}, loaded only when Spring is present. */
final class SpringContexts {

    private static final CopyOnWriteArrayList<ApplicationContext> CONTEXTS = new CopyOnWriteArrayList<>();

    private SpringContexts() {}

    static AutoCloseable register(Object context) {
        ApplicationContext ctx = (ApplicationContext) context;
        CONTEXTS.addIfAbsent(ctx);
        return () -> CONTEXTS.remove(ctx);
    }

    static Optional<Object> uniqueBean(Class<?> type) {
        for (ApplicationContext ctx : CONTEXTS) {
            Optional<Object> bean = uniqueBean(ctx, type);
            if (bean.isPresent()) {
                return bean;
            }
        }
        return Optional.empty();
    }

    /** The one bean of {@code type} in {@code context}, if it is active and has exactly one. */
    static Optional<Object> uniqueBean(Object context, Class<?> type) {
        ApplicationContext ctx = (ApplicationContext) context;
        if (ctx instanceof ConfigurableApplicationContext c && !c.isActive()) {
            return Optional.empty();
        }
        try {
            Map<String, ?> beans = ctx.getBeansOfType(type);
            if (beans.size() == 1) {
                return Optional.of(beans.values().iterator().next());
            }
        } catch (BeansException e) {
            // this context cannot produce one
        }
        return Optional.empty();
    }
}
