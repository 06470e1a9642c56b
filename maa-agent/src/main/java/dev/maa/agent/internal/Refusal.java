package dev.maa.agent.internal;

import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Fail closed when a class with {@code @Protected} methods cannot be woven: returning the class unchanged would let
 * those methods run unguarded. Instead each protected method's body is replaced by
 * {@code throw new MaaConfigurationException(<what failed, for which class, what to do>)}; the class's other methods
 * keep working. Straight-line code, so no stack map frames, and plain ASM only: whatever broke the weaving (Byte
 * Buddy failing to start, a weaver bug) is not needed here.
 *
 * <p>If even that rewrite fails (a class file ASM cannot read), the class is made unloadable: the gate returns
 * {@link #UNLOADABLE}, so the JVM throws {@code ClassFormatError} where the class is first used.
 */
final class Refusal {

    /** A truncated class file: the JVM refuses to define it. */
    static final byte[] UNLOADABLE = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};

    private static final String EXCEPTION = "dev/maa/api/MaaConfigurationException";

    private Refusal() {}

    static String message(String className, String method, Object cause) {
        return "maa-agent could not instrument " + className + " (" + cause + "), so its @Protected method " + method
                + " refuses every call (fail closed). Find the maa-agent ERROR for " + className + " in the log, fix"
                + " its cause and restart the JVM; if the cause is unclear, report it with that stack trace.";
    }

    /** The class file with every method in {@code protectedMethods} (name + descriptor) throwing. */
    static byte[] refuse(byte[] classFile, Set<String> protectedMethods, Throwable cause) {
        return refuse(classFile, protectedMethods, (Object) cause);
    }

    /** The same, with the cause given as text (after a runtime attach, where no throwable is kept). */
    static byte[] refuse(byte[] classFile, Set<String> protectedMethods, String cause) {
        return refuse(classFile, protectedMethods, (Object) cause);
    }

    private static byte[] refuse(byte[] classFile, Set<String> protectedMethods, Object cause) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    private String className;

                    @Override
                    public void visit(
                            int version,
                            int access,
                            String name,
                            String signature,
                            String superName,
                            String[] interfaces) {
                        className = name.replace('/', '.');
                        super.visit(version, access, name, signature, superName, interfaces);
                    }

                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                        if (!protectedMethods.contains(name + descriptor)) {
                            return target;
                        }
                        String message = message(className, name + descriptor, cause);
                        int locals = Type.getArgumentsAndReturnSizes(descriptor) >> 2; // includes one slot for `this`
                        return new MethodVisitor(Opcodes.ASM9, target) {
                            @Override
                            public void visitCode() {
                                target.visitCode();
                                target.visitTypeInsn(Opcodes.NEW, EXCEPTION);
                                target.visitInsn(Opcodes.DUP);
                                target.visitLdcInsn(message);
                                target.visitMethodInsn(
                                        Opcodes.INVOKESPECIAL, EXCEPTION, "<init>", "(Ljava/lang/String;)V", false);
                                target.visitInsn(Opcodes.ATHROW);
                                target.visitMaxs(3, locals);
                                mv = null; // the original code is dropped
                            }

                            @Override
                            public void visitEnd() {
                                target.visitEnd();
                            }
                        };
                    }
                },
                0);
        return writer.toByteArray();
    }
}
