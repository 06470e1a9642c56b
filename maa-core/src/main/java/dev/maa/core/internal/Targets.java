package dev.maa.core.internal;

import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Operation;
import dev.maa.api.TargetResolver;
import dev.maa.core.ProtectedMethods;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the method and the object an approved call is replayed on: registered targets first, then the
 * host's {@link TargetResolver}s, then a singleton ({@code static INSTANCE} field or {@code static getInstance()}).
 * Only methods carrying {@code @Protected} are ever resolved, so a stored operation cannot name an arbitrary
 * method of the class path.
 */
public final class Targets {

    private final List<Object> registered = new CopyOnWriteArrayList<>();
    private final List<TargetResolver> resolvers;
    private final ClassLoader classLoader;

    public Targets(List<TargetResolver> resolvers, ClassLoader classLoader) {
        this.resolvers = List.copyOf(resolvers);
        this.classLoader = classLoader;
    }

    public void register(Object target) {
        registered.add(0, target);
        for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            ProtectedMethods.describeAll(c);
            for (Class<?> i : c.getInterfaces()) {
                ProtectedMethods.describeAll(i);
            }
            for (Method m : c.getMethods()) {
                if (!m.isBridge() && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class) {
                    ProtectedMethods.find(m);
                }
            }
        }
    }

    /** The protected method named by {@code op}, or empty if this JVM does not have it. */
    public Optional<Method> method(Operation op) {
        Optional<Method> known = ProtectedMethods.bySignature(op.signature());
        if (known.isPresent()) {
            return known;
        }
        Class<?> type = null;
        for (Object t : registered) {
            type = named(t.getClass(), op.className());
            if (type != null) {
                break;
            }
        }
        if (type == null) {
            try {
                type = Class.forName(op.className(), false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(op.methodName())
                    && !m.isBridge()
                    && Arrays.stream(m.getParameterTypes())
                            .map(Class::getTypeName)
                            .toList()
                            .equals(op.parameterTypes())
                    && ProtectedMethods.find(m).isPresent()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static Class<?> named(Class<?> c, String name) {
        List<Class<?>> todo = new ArrayList<>(List.of(c));
        while (!todo.isEmpty()) {
            Class<?> k = todo.remove(0);
            if (k.getName().equals(name)) {
                return k;
            }
            if (k.getSuperclass() != null) {
                todo.add(k.getSuperclass());
            }
            todo.addAll(List.of(k.getInterfaces()));
        }
        return null;
    }

    /** The object to invoke {@code m} on; {@code null} inside the optional is impossible, static methods need none. */
    public Optional<Object> target(Method m) {
        Class<?> type = m.getDeclaringClass();
        for (Object t : registered) {
            if (type.isInstance(t)) {
                return Optional.of(t);
            }
        }
        for (TargetResolver r : resolvers) {
            Optional<Object> found = r.resolve(type);
            if (found.isPresent()) {
                if (!type.isInstance(found.get())) {
                    throw new MaaConfigurationException("TargetResolver " + r + " returned a "
                            + found.get().getClass().getName() + " for " + type.getName()
                            + "; it must return an instance of it");
                }
                return found;
            }
        }
        return singleton(type);
    }

    private static Optional<Object> singleton(Class<?> type) {
        try {
            Field f = type.getDeclaredField("INSTANCE");
            if (Modifier.isStatic(f.getModifiers()) && type.isAssignableFrom(f.getType())) {
                f.trySetAccessible();
                return Optional.ofNullable(f.get(null));
            }
        } catch (NoSuchFieldException | IllegalAccessException e) {
            // no usable INSTANCE field; try getInstance()
        }
        try {
            Method g = type.getDeclaredMethod("getInstance");
            if (Modifier.isStatic(g.getModifiers()) && type.isAssignableFrom(g.getReturnType())) {
                g.trySetAccessible();
                return Optional.ofNullable(g.invoke(null));
            }
        } catch (ReflectiveOperationException e) {
            // no singleton accessor
        }
        return Optional.empty();
    }

    /** Whether {@code m} can run here: static, or a target is found. */
    public boolean runnable(Method m) {
        return Modifier.isStatic(m.getModifiers()) || target(m).isPresent();
    }
}
