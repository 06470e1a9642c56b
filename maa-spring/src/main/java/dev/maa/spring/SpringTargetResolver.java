package dev.maa.spring;

import dev.maa.api.TargetResolver;
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

    /** Registers a context ({@code org.springframework.context.ApplicationContext}); closing it unregisters. */
    public static AutoCloseable register(Object applicationContext) {
        if (!SPRING_PRESENT) {
            throw new IllegalStateException("spring-context is not on the class path; nothing to register");
        }
        return SpringContexts.register(applicationContext);
    }

    @Override
    public Optional<Object> resolve(Class<?> type) {
        return SPRING_PRESENT ? SpringContexts.uniqueBean(type) : Optional.empty();
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
