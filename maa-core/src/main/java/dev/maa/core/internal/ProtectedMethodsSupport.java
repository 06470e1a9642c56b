package dev.maa.core.internal;

import dev.maa.api.Operation;
import java.lang.reflect.Method;
import java.util.Arrays;

/** Small helpers shared by method description and replay. */
public final class ProtectedMethodsSupport {

    private ProtectedMethodsSupport() {}

    public static Operation operation(Method m) {
        return new Operation(
                m.getDeclaringClass().getName(),
                m.getName(),
                Arrays.stream(m.getParameterTypes()).map(Class::getTypeName).toList());
    }

    /** {@code com.acme.Apps#delete(java.lang.String)}, as in messages and the audit trail. */
    public static String signature(Method m) {
        return operation(m).signature();
    }
}
