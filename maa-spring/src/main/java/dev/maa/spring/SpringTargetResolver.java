package dev.maa.spring;

import dev.maa.api.TargetResolver;
import java.util.Objects;
import java.util.Optional;

/**
 * Replays approved calls on beans of the Spring {@code ApplicationContext}s registered with
 * {@link #register(Object)} (or by declaring a {@link MaaSpringContextRegistrar} bean). Listed in
 * {@code META-INF/services/dev.maa.api.TargetResolver}, so a host can pick it up with
 * {@code ServiceLoader.load(TargetResolver.class).forEach(builder::targetResolver)}.
 *
 * <p>Spring is optional: this class names no Spring type, and without spring-context on the class path it resolves
 * nothing. A bean qualifies when exactly one bean of the wanted type exists; several candidates resolve to nothing
 * rather than to an arbitrary one.
 */
public final class SpringTargetResolver implements TargetResolver {

    private static final boolean SPRING_PRESENT = springPresent();

    /** The one context this resolver reads, or {@code null} for every registered context. */
    private final Object context;

    /** A resolver over every context registered with {@link #register(Object)} (the {@code ServiceLoader} form). */
    public SpringTargetResolver() {
        this.context = null;
    }

    private SpringTargetResolver(Object context) {
        this.context = context;
    }

    /**
     * A resolver over {@code applicationContext} alone, for an engine that belongs to that context (the Spring Boot
     * auto-configuration): beans of other contexts in the same JVM (tests keep several) are never replay targets.
     */
    public static SpringTargetResolver of(Object applicationContext) {
        if (!SPRING_PRESENT) {
            throw new IllegalStateException("spring-context is not on the class path; nothing to resolve from");
        }
        return new SpringTargetResolver(Objects.requireNonNull(applicationContext, "applicationContext"));
    }

    /** Registers a context ({@code org.springframework.context.ApplicationContext}); closing it unregisters. */
    public static AutoCloseable register(Object applicationContext) {
        if (!SPRING_PRESENT) {
            throw new IllegalStateException("spring-context is not on the class path; nothing to register");
        }
        return SpringContexts.register(applicationContext);
    }

    @Override
    public Optional<Object> resolve(Class<?> type) {
        if (!SPRING_PRESENT) {
            return Optional.empty();
        }
        return context == null ? SpringContexts.uniqueBean(type) : SpringContexts.uniqueBean(context, type);
    }

    private static boolean springPresent() {
        try {
            Class.forName(
                    "org.springframework.context.ApplicationContext",
                    false,
                    SpringTargetResolver.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SpringTargetResolver[spring=" + SPRING_PRESENT + "]";
    }
}
