package dev.maa.core.codec;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The types a parked call may carry, decided by <em>name</em> so that a name read from a stored payload is
 * checked before any class is loaded.
 *
 * <p>Allowed: primitives and their boxes, {@code String}, {@code BigDecimal}, {@code BigInteger}, {@code UUID},
 * {@code URI}, the {@code java.time} value types, the enums of {@code dev.maa.api}, the containers {@code List},
 * {@code Set}, {@code Map}, {@code Optional} and arrays of allowed types, plus every class (record, POJO, enum)
 * in a configured package or its sub-packages. Nothing else: no {@code Object}, no interfaces of the JDK, no
 * classes of {@code java.*} outside this list, whatever the configuration says.
 */
public final class TypeAllowList {

    static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "short", "int", "long", "char", "float", "double");
    static final Set<String> CONTAINERS =
            Set.of("java.util.List", "java.util.Set", "java.util.Map", "java.util.Optional");
    static final Set<String> VALUE_TYPES = Set.of(
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Byte",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Character",
            "java.lang.Float",
            "java.lang.Double",
            "java.math.BigDecimal",
            "java.math.BigInteger",
            "java.util.UUID",
            "java.net.URI",
            "java.time.Instant",
            "java.time.LocalDate",
            "java.time.LocalDateTime",
            "java.time.LocalTime",
            "java.time.OffsetDateTime",
            "java.time.OffsetTime",
            "java.time.ZonedDateTime",
            "java.time.Duration",
            "java.time.Period",
            "java.time.Year",
            "java.time.YearMonth",
            "java.time.MonthDay",
            "java.time.ZoneOffset",
            "java.time.DayOfWeek",
            "java.time.Month",
            "dev.maa.api.Platform",
            "dev.maa.api.ResourceType",
            "dev.maa.api.Action");
    private static final Pattern PACKAGE = Pattern.compile("[a-zA-Z_$][\\w$]*(\\.[a-zA-Z_$][\\w$]*)*");
    private static final Pattern CLASS_NAME = Pattern.compile("[a-zA-Z_$][\\w$]*(\\.[a-zA-Z_$][\\w$]*)*");
    private static final List<String> FORBIDDEN_PACKAGE_ROOTS = List.of(
            "java",
            "javax",
            "jdk",
            "sun",
            "com.sun",
            "com.fasterxml",
            "org.springframework",
            "org.apache.commons",
            "net.bytebuddy",
            "groovy",
            "org.codehaus",
            "org.aspectj");

    private final Set<String> packages;

    private TypeAllowList(Set<String> packages) {
        this.packages = Set.copyOf(packages);
    }

    /** Only the built-in JDK value types and containers. */
    public static TypeAllowList jdkOnly() {
        return new TypeAllowList(Set.of());
    }

    /**
     * Adds host packages whose classes may be parked.
     *
     * @throws IllegalArgumentException for a malformed package name or a package of the JDK or of a library
     *                                  known for deserialization gadgets
     */
    public static TypeAllowList withPackages(Collection<String> packages) {
        Set<String> all = new TreeSet<>();
        for (String p : packages) {
            all.add(validatePackage(p));
        }
        return new TypeAllowList(all);
    }

    /** Validates one package name for {@code allowPackages}; returns it trimmed. */
    public static String validatePackage(String p) {
        String name = p == null ? "" : p.trim();
        if (!PACKAGE.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "allowPackages: '" + p + "' is not a package name, e.g. \"com.acme.model\"");
        }
        for (String root : FORBIDDEN_PACKAGE_ROOTS) {
            if (name.equals(root) || name.startsWith(root + ".") || root.startsWith(name + ".")) {
                throw new IllegalArgumentException("allowPackages: '" + name + "' would allow classes of " + root
                        + ".*, which may not be parked (JDK and library classes can be deserialization gadgets);"
                        + " allow your own model package instead, e.g. \"com.acme.model\"");
            }
        }
        return name;
    }

    public Set<String> packages() {
        return packages;
    }

    /** Whether a class with this binary name may be loaded and parked. Decided without loading anything. */
    public boolean allows(String className) {
        if (PRIMITIVES.contains(className) || VALUE_TYPES.contains(className) || CONTAINERS.contains(className)) {
            return true;
        }
        if (!CLASS_NAME.matcher(className).matches()) {
            return false;
        }
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        for (String p : packages) {
            if (pkg.equals(p) || pkg.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    boolean isContainer(String className) {
        return CONTAINERS.contains(className);
    }

    @Override
    public String toString() {
        return "TypeAllowList" + packages;
    }
}
