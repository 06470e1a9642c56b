package dev.maa.api;

import java.util.List;
import java.util.Objects;

/**
 * The Java method a parked call will invoke: declaring class, name and erased parameter types.
 */
public record Operation(String className, String methodName, List<String> parameterTypes) {

    public Operation {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        parameterTypes = List.copyOf(parameterTypes == null ? List.of() : parameterTypes);
    }

    /** {@code com.example.Apps#delete(java.lang.String)}. */
    public String signature() {
        return className + "#" + methodName + "(" + String.join(",", parameterTypes) + ")";
    }
}
