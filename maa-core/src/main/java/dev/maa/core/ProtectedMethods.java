package dev.maa.core;

import dev.maa.api.Justification;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Platform;
import dev.maa.api.Protected;
import dev.maa.api.ResourceType;
import dev.maa.api.Urgent;
import dev.maa.core.internal.PropertyPath;
import dev.maa.core.internal.ProtectedMethodsSupport;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and validates {@link Protected} annotations, once per {@link Method}.
 *
 * <p>Interceptors call {@link #describe(Method)} when a class is loaded or woven, so annotation mistakes (a
 * path that does not exist, a {@code @Justification} on a non-String) surface at startup as a
 * {@link MaaConfigurationException} naming class, method and attribute. A failed description is cached too:
 * later calls of that method fail closed with the same exception instead of running unprotected.
 *
 * <p>The annotation is looked up on the method itself, then on the methods it overrides or implements, so
 * an annotated interface protects its implementations.
 */
public final class ProtectedMethods {

    private static final ClassValue<Map<Method, Object>> CACHE = new ClassValue<>() {
        @Override
        protected Map<Method, Object> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Object UNPROTECTED = new Object();
    private static final Map<String, Method> BY_SIGNATURE = new ConcurrentHashMap<>();

    private ProtectedMethods() {}

    /**
     * The description of a protected method, or empty if neither it nor a method it overrides is annotated.
     *
     * @throws MaaConfigurationException if the annotation is invalid
     */
    public static Optional<ProtectedMethod> find(Method method) {
        Object cached = CACHE.get(method.getDeclaringClass()).computeIfAbsent(method, ProtectedMethods::compute);
        if (cached == UNPROTECTED) {
            return Optional.empty();
        }
        if (cached instanceof MaaConfigurationException e) {
            throw new MaaConfigurationException(e.getMessage(), e);
        }
        return Optional.of((ProtectedMethod) cached);
    }

    /**
     * Validates the annotation of {@code method} and returns its description.
     *
     * @throws MaaConfigurationException if the method is not annotated (directly or by a method it overrides)
     *                                   or the annotation is invalid
     */
    public static ProtectedMethod describe(Method method) {
        return find(method)
                .orElseThrow(() -> new MaaConfigurationException(ProtectedMethodsSupport.signature(method)
                        + " has no @Protected annotation (nor does any method it"
                        + " overrides); annotate it or stop routing it to the Gatekeeper."));
    }

    /**
     * Describes every protected method declared by {@code type} (public or not), for class-load validation.
     *
     * @throws MaaConfigurationException for the first invalid annotation
     */
    public static List<ProtectedMethod> describeAll(Class<?> type) {
        List<ProtectedMethod> all = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (!m.isSynthetic() && !m.isBridge()) {
                find(m).ifPresent(all::add);
            }
        }
        return all;
    }

    /** A protected method this JVM has already described, by {@code Operation.signature()}. */
    public static Optional<Method> bySignature(String signature) {
        return Optional.ofNullable(BY_SIGNATURE.get(signature));
    }

    private static Object compute(Method method) {
        Method annotated = annotatedMethod(method);
        if (annotated == null) {
            return UNPROTECTED;
        }
        try {
            ProtectedMethod pm = build(method, annotated.getAnnotation(Protected.class), annotated);
            BY_SIGNATURE.putIfAbsent(pm.operation().signature(), method);
            return pm;
        } catch (MaaConfigurationException e) {
            return e;
        }
    }

    private static Method annotatedMethod(Method method) {
        if (method.isAnnotationPresent(Protected.class)) {
            return method;
        }
        if (Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
            return null;
        }
        return inherited(method.getDeclaringClass(), method);
    }

    private static Method inherited(Class<?> type, Method method) {
        List<Class<?>> supers = new ArrayList<>(List.of(type.getInterfaces()));
        if (type.getSuperclass() != null) {
            supers.add(0, type.getSuperclass());
        }
        for (Class<?> s : supers) {
            try {
                Method m = s.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (m.isAnnotationPresent(Protected.class) && !Modifier.isPrivate(m.getModifiers())) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // not declared here; look further up
            }
            Method up = inherited(s, method);
            if (up != null) {
                return up;
            }
        }
        return null;
    }

    private static ProtectedMethod build(Method method, Protected p, Method annotated) {
        if (p.resource() == ResourceType.CUSTOM && p.customResource().isBlank()) {
            throw problem(method, "customResource", "resource = CUSTOM needs customResource, e.g. \"billing-account\"");
        }
        if (p.resource() != ResourceType.CUSTOM && !p.customResource().isEmpty()) {
            throw problem(
                    method,
                    "customResource",
                    "customResource = \"" + p.customResource()
                            + "\" is only allowed with resource = CUSTOM (resource is " + p.resource() + ")");
        }
        if (p.platform() != Platform.UNSPECIFIED && !p.platformFrom().isEmpty()) {
            throw problem(
                    method,
                    "platformFrom",
                    "set either platform or platformFrom, not both (platform = " + p.platform() + ", platformFrom = \""
                            + p.platformFrom() + "\")");
        }
        for (String tag : p.scopeTags()) {
            if (tag.isBlank()) {
                throw problem(method, "scopeTags", "a scope tag is blank");
            }
        }
        int justification = markedParameter(method, annotated, Justification.class, "@Justification", String.class);
        int urgent = markedParameter(method, annotated, Urgent.class, "@Urgent", boolean.class, Boolean.class);
        PropertyPath idPath = p.objectId().isEmpty() ? null : PropertyPath.compile(p.objectId(), method, "objectId");
        PropertyPath platformPath = null;
        if (!p.platformFrom().isEmpty()) {
            platformPath = PropertyPath.compile(p.platformFrom(), method, "platformFrom");
            Class<?> t = platformPath.resultType();
            if (t != Platform.class && t != String.class) {
                throw problem(
                        method,
                        "platformFrom",
                        "\"" + p.platformFrom() + "\" is a " + t.getName()
                                + "; it must be a dev.maa.api.Platform or a String naming one");
            }
        }
        return new ProtectedMethod(
                method, p, idPath, platformPath, justification, urgent, ProtectedMethodsSupport.operation(method));
    }

    private static int markedParameter(
            Method method, Method annotated, Class<? extends Annotation> marker, String name, Class<?>... allowed) {
        int found = -1;
        Annotation[][] own = method.getParameterAnnotations();
        Annotation[][] inherited = annotated.getParameterAnnotations();
        for (int i = 0; i < own.length; i++) {
            if (has(own[i], marker) || has(inherited[i], marker)) {
                Class<?> t = method.getParameterTypes()[i];
                if (!List.of(allowed).contains(t)) {
                    throw problem(
                            method,
                            name + " (parameter " + i + ")",
                            name + " must be on a "
                                    + List.of(allowed).stream()
                                            .map(Class::getSimpleName)
                                            .toList() + " parameter, not " + t.getName());
                }
                if (found >= 0) {
                    throw problem(
                            method,
                            name,
                            "only one parameter may carry " + name + " (found " + found + " and " + i + ")");
                }
                found = i;
            }
        }
        return found;
    }

    private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
        for (Annotation a : annotations) {
            if (a.annotationType() == type) {
                return true;
            }
        }
        return false;
    }

    private static MaaConfigurationException problem(Method method, String attribute, String why) {
        return new MaaConfigurationException("@Protected on " + ProtectedMethodsSupport.signature(method) + ": "
                + attribute + ": " + why + ". Fix the annotation.");
    }
}
