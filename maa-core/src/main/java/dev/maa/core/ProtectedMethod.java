package dev.maa.core;

import dev.maa.api.Action;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.Protected;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.core.internal.PropertyPath;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What MAA knows about one {@link Protected} method, validated once by {@link ProtectedMethods#describe(Method)}:
 * the resource and action, how to read the object id, platform, justification and urgent flag from the
 * arguments, and the {@link Operation} recorded in requests.
 */
public final class ProtectedMethod {

    private final Method method;
    private final Protected annotation;
    private final Operation operation;
    private final PropertyPath objectIdPath;
    private final PropertyPath platformPath;
    private final int justificationIndex;
    private final int urgentIndex;

    ProtectedMethod(
            Method method,
            Protected annotation,
            PropertyPath objectIdPath,
            PropertyPath platformPath,
            int justificationIndex,
            int urgentIndex,
            Operation operation) {
        this.method = method;
        this.annotation = annotation;
        this.objectIdPath = objectIdPath;
        this.platformPath = platformPath;
        this.justificationIndex = justificationIndex;
        this.urgentIndex = urgentIndex;
        this.operation = operation;
    }

    public Method method() {
        return method;
    }

    public Operation operation() {
        return operation;
    }

    public ResourceType resourceType() {
        return annotation.resource();
    }

    public Action action() {
        return annotation.action();
    }

    /** The custom resource name, empty unless the resource type is {@link ResourceType#CUSTOM}. */
    public String customResource() {
        return annotation.customResource();
    }

    public Set<String> scopeTags() {
        return Set.of(annotation.scopeTags());
    }

    /** The object-id path, empty when the object id is the first parameter or the call is object-less. */
    public Optional<String> objectIdPath() {
        return Optional.ofNullable(objectIdPath).map(PropertyPath::toString);
    }

    /** Index of the {@code @Justification} parameter, or -1. */
    public int justificationIndex() {
        return justificationIndex;
    }

    /** Index of the {@code @Urgent} parameter, or -1. */
    public int urgentIndex() {
        return urgentIndex;
    }

    public boolean isStatic() {
        return Modifier.isStatic(method.getModifiers());
    }

    /**
     * The object this call changes. An object-less call (no id path, no id-like first parameter, or a null id)
     * uses the method signature as its object id, so the one-pending-request rule applies per method.
     */
    public ResourceRef resource(Object[] args) {
        String objectId = objectId(args);
        if (objectId == null || objectId.isEmpty()) {
            objectId = operation.signature();
        }
        return new ResourceRef(
                annotation.resource(), annotation.customResource(), objectId, platform(args), scopeTags());
    }

    private String objectId(Object[] args) {
        if (objectIdPath != null) {
            return asText(objectIdPath.read(args));
        }
        int first = justificationIndex == 0 || urgentIndex == 0 ? -1 : 0;
        if (first == 0 && args.length > 0 && isIdLike(method.getParameterTypes()[0])) {
            return asText(args[0]);
        }
        return null;
    }

    static boolean isIdLike(Class<?> t) {
        return t == String.class
                || t == UUID.class
                || t == int.class
                || t == long.class
                || t == short.class
                || t == Integer.class
                || t == Long.class
                || t == Short.class
                || t == java.math.BigInteger.class;
    }

    private static String asText(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof Enum<?> e ? e.name() : v.toString();
    }

    private Platform platform(Object[] args) {
        if (platformPath == null) {
            return annotation.platform();
        }
        Object v = platformPath.read(args);
        if (v instanceof Platform p) {
            return p;
        }
        return Platform.parse(v == null ? null : v.toString());
    }

    /** The {@code @Justification} argument if present and not blank, else empty. */
    public Optional<String> justification(Object[] args) {
        if (justificationIndex < 0 || args[justificationIndex] == null) {
            return Optional.empty();
        }
        String j = (String) args[justificationIndex];
        return j.isBlank() ? Optional.empty() : Optional.of(j);
    }

    /** The {@code @Urgent} argument, {@code false} when absent or null. */
    public boolean urgent(Object[] args) {
        return urgentIndex >= 0 && Boolean.TRUE.equals(args[urgentIndex]);
    }

    @Override
    public String toString() {
        return "ProtectedMethod[" + operation.signature() + " " + annotation.resource() + " " + annotation.action()
                + "]";
    }
}
