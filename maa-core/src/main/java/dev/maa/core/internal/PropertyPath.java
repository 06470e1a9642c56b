package dev.maa.core.internal;

import dev.maa.api.MaaConfigurationException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A compiled path such as {@code app.id} over the arguments of a method: a parameter name (or {@code argN})
 * followed by properties read from record components, getters or public fields.
 *
 * <p>Paths are resolved once against the declared types, so a typo is reported when the method is described
 * (at class-load time under the agent) rather than on the first call.
 */
public final class PropertyPath {

    private final String text;
    private final int parameterIndex;
    private final List<Member> accessors;
    private final Class<?> resultType;

    private PropertyPath(String text, int parameterIndex, List<Member> accessors, Class<?> resultType) {
        this.text = text;
        this.parameterIndex = parameterIndex;
        this.accessors = List.copyOf(accessors);
        this.resultType = resultType;
    }

    /**
     * Compiles {@code path} against {@code method}'s parameters.
     *
     * @param attribute the annotation attribute the path came from, for messages
     * @throws MaaConfigurationException naming class, method and attribute when the path does not resolve
     */
    public static PropertyPath compile(String path, Method method, String attribute) {
        String[] segments = path.split("\\.", -1);
        for (String s : segments) {
            if (s.isBlank()) {
                throw problem(method, attribute, path, "the path has an empty segment; write e.g. \"app.id\"");
            }
        }
        int index = parameterIndex(segments[0], method, attribute, path);
        Class<?> type = method.getParameterTypes()[index];
        List<Member> accessors = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
            Member m = accessor(type, segments[i]);
            if (m == null) {
                throw problem(
                        method,
                        attribute,
                        path,
                        "type " + type.getName() + " has no property '" + segments[i]
                                + "' (looked for a record component, a public getter get/is" + capitalize(segments[i])
                                + "() and a public field)");
            }
            accessors.add(m);
            type = m instanceof Method getter ? getter.getReturnType() : ((Field) m).getType();
        }
        return new PropertyPath(path, index, accessors, type);
    }

    private static int parameterIndex(String name, Method method, String attribute, String path) {
        Parameter[] params = method.getParameters();
        if (name.matches("arg\\d+")) {
            int i = Integer.parseInt(name.substring(3));
            if (i < params.length) {
                return i;
            }
            throw problem(
                    method,
                    attribute,
                    path,
                    "the method has " + params.length + " parameters, so " + name + " does not exist");
        }
        for (int i = 0; i < params.length; i++) {
            if (params[i].isNamePresent() && params[i].getName().equals(name)) {
                return i;
            }
        }
        boolean namesPresent = params.length == 0 || params[0].isNamePresent();
        throw problem(
                method,
                attribute,
                path,
                "no parameter is named '" + name + "'"
                        + (namesPresent
                                ? ""
                                : " (parameter names are not in the class file: compile with -parameters,"
                                        + " or write arg0, arg1, ...)"));
    }

    private static Member accessor(Class<?> type, String property) {
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                if (rc.getName().equals(property)) {
                    return rc.getAccessor();
                }
            }
        }
        for (String prefix : new String[] {"get", "is", ""}) {
            try {
                Method m = type.getMethod(prefix.isEmpty() ? property : prefix + capitalize(property));
                if (m.getReturnType() != void.class
                        && !Modifier.isStatic(m.getModifiers())
                        && (!prefix.isEmpty() || type.isRecord())) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        try {
            Field f = type.getField(property);
            return Modifier.isStatic(f.getModifiers()) ? null : f;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static MaaConfigurationException problem(Method method, String attribute, String path, String why) {
        return new MaaConfigurationException("@Protected on " + ProtectedMethodsSupport.signature(method) + ": "
                + attribute + " = \"" + path + "\" does not resolve: " + why + ". Fix the annotation.");
    }

    /** Reads the value at this path; {@code null} when an intermediate value is null. */
    public Object read(Object[] args) {
        Object value = args[parameterIndex];
        for (Member m : accessors) {
            if (value == null) {
                return null;
            }
            value = get(m, value);
        }
        return value;
    }

    private Object get(Member m, Object target) {
        try {
            if (m instanceof Method getter) {
                getter.trySetAccessible();
                return getter.invoke(target);
            }
            Field f = (Field) m;
            f.trySetAccessible();
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new MaaConfigurationException(
                    "Cannot read '" + text + "' on " + target.getClass().getName() + ": " + e.getMessage()
                            + ". Make the property public or open its package to dev.maa.core.",
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Reading '" + text + "' threw " + e.getCause(), e.getCause());
        }
    }

    public int parameterIndex() {
        return parameterIndex;
    }

    /** The declared type of the value at the end of the path. */
    public Class<?> resultType() {
        return resultType;
    }

    @Override
    public String toString() {
        return text;
    }
}
