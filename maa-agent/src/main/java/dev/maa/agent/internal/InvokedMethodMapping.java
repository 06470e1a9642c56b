package dev.maa.agent.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.JavaConstantValue;
import net.bytebuddy.utility.JavaConstant;

/**
 * Supplies {@link InvokedMethod}: the instrumented method as a {@link Method} constant.
 *
 * <p>{@code @Advice.Origin Method} looks the method up with {@code getDeclaredMethod} on every call (hundreds of
 * nanoseconds, and a fresh copy each time) because advice cannot add a field to cache it in, and retransformed
 * classes cannot gain fields at all. A dynamic constant can be added, even on retransformation: the class file
 * gets {@code ldc} of a {@code CONSTANT_Dynamic} whose bootstrap is
 * {@code ConstantBootstraps.invoke(MethodHandles::reflectAs, Method.class, <handle of this method>)}. The JVM
 * resolves it once and then hands out the same {@code Method} instance, so the gatekeeper's per-method lookups hit
 * on identity. Class files older than Java 11 cannot hold dynamic constants; they fall back to the per-call
 * lookup, which is correct, only slower.
 */
final class InvokedMethodMapping implements Advice.OffsetMapping {

    static final InvokedMethodMapping DYNAMIC_CONSTANT = new InvokedMethodMapping(true);
    static final InvokedMethodMapping LOOKUP_PER_CALL = new InvokedMethodMapping(false);

    private static final Method REFLECT_AS;

    static {
        try {
            REFLECT_AS = MethodHandles.class.getMethod("reflectAs", Class.class, MethodHandle.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean dynamicConstant;

    private InvokedMethodMapping(boolean dynamicConstant) {
        this.dynamicConstant = dynamicConstant;
    }

    @Override
    public Target resolve(
            TypeDescription instrumentedType,
            MethodDescription instrumentedMethod,
            Assigner assigner,
            Advice.ArgumentHandler argumentHandler,
            Sort sort) {
        MethodDescription.InDefinedShape method = instrumentedMethod.asDefined();
        if (dynamicConstant) {
            JavaConstant constant = JavaConstant.Dynamic.ofInvocation(
                            REFLECT_AS,
                            TypeDescription.ForLoadedType.of(Method.class),
                            JavaConstant.MethodHandle.of(method))
                    .withType(Method.class);
            return new Target.ForStackManipulation(new JavaConstantValue(constant));
        }
        return Target.ForStackManipulation.of(method);
    }

    /** Decided per transformed type from its class file, which the instrumented type here does not expose. */
    static boolean supportsDynamicConstants(TypeDescription type) {
        ClassFileVersion version = type.getClassFileVersion();
        return version != null && version.isAtLeast(ClassFileVersion.JAVA_V11);
    }
}
