package dev.maa.core.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a Jackson type, and every type reachable through its properties, against the allow-list; and
 * renders types as the descriptors stored in payloads.
 */
final class TypeRules {

    private static final Set<String> MAP_KEYS =
            Set.of("java.lang.String", "java.lang.Integer", "java.lang.Long", "java.util.UUID");

    private final TypeAllowList allowList;
    private final ObjectMapper mapper;
    private final Map<JavaType, Optional<String>> verdicts = new ConcurrentHashMap<>();

    TypeRules(TypeAllowList allowList, ObjectMapper mapper) {
        this.allowList = allowList;
        this.mapper = mapper;
    }

    /** The descriptor of {@code t}: erased names, container parameters, {@code []} per array dimension. */
    static String describe(JavaType t) {
        if (t.isArrayType()) {
            return describe(t.getContentType()) + "[]";
        }
        String name = t.getRawClass().getName();
        if (TypeAllowList.CONTAINERS.contains(name)) {
            StringBuilder sb = new StringBuilder(name).append('<');
            for (int i = 0; i < t.containedTypeCount(); i++) {
                sb.append(i == 0 ? "" : ",").append(describe(t.containedType(i)));
            }
            return sb.append('>').toString();
        }
        return name;
    }

    /** Why {@code t} may not be parked, or empty when it may. */
    Optional<String> problem(JavaType t) {
        Optional<String> cached = verdicts.get(t);
        if (cached != null) {
            return cached;
        }
        Optional<String> verdict = Optional.ofNullable(problem(t, new HashSet<>(), describe(t)));
        verdicts.put(t, verdict);
        return verdict;
    }

    private String problem(JavaType t, Set<JavaType> visiting, String where) {
        if (t.isArrayType()) {
            return problem(t.getContentType(), visiting, where + "[]");
        }
        Class<?> raw = t.getRawClass();
        String name = raw.getName();
        if (raw.isPrimitive()) {
            return null;
        }
        if (!allowList.allows(name)) {
            return notAllowed(name, where);
        }
        if (allowList.isContainer(name)) {
            if (t.isMapLikeType()) {
                JavaType key = t.getKeyType();
                if (!MAP_KEYS.contains(key.getRawClass().getName()) && !key.isEnumType()) {
                    return "map key type " + key.getRawClass().getName() + " (at " + where
                            + ") is not supported; use String, Integer, Long, UUID or an enum as map keys";
                }
                return problem(t.getContentType(), visiting, where + " value");
            }
            if (t.getContentType() == null) {
                return "container " + name + " (at " + where + ") has no element type";
            }
            return problem(t.getContentType(), visiting, where + " element");
        }
        if (raw.isEnum() || TypeAllowList.VALUE_TYPES.contains(name)) {
            return null;
        }
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            return "type " + name + " (at " + where + ") is abstract, so it cannot be read back; park a concrete"
                    + " class such as a record";
        }
        if (!visiting.add(t)) {
            return null;
        }
        BeanDescription bean = mapper.getSerializationConfig().introspect(t);
        for (BeanPropertyDefinition p : bean.findProperties()) {
            String problem = problem(p.getPrimaryType(), visiting, name + "." + p.getName());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String notAllowed(String name, String where) {
        String at = where.equals(name) ? "" : " (at " + where + ")";
        if (name.equals("java.lang.Object")) {
            return "its type is java.lang.Object" + at + ", which says nothing about what to read back; declare a"
                    + " concrete type (a record, a value type, List<...>, ...)";
        }
        if (name.startsWith("java.util.")) {
            return "type " + name + at + " is not on the parked-call allow-list; declare it as java.util.List,"
                    + " Set, Map or Optional";
        }
        if (name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")) {
            return "JDK type " + name + at + " is not on the parked-call allow-list (only String, primitives and"
                    + " boxes, BigDecimal, BigInteger, UUID, URI, java.time values, enums, List/Set/Map/Optional and"
                    + " arrays are); pass a record of your own instead";
        }
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? name : name.substring(0, dot);
        return "type " + name + at + " is not on the parked-call allow-list; allow its package with"
                + " MaaEngine.builder().allowPackages(\"" + pkg + "\")";
    }
}
