package dev.maa.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;

/**
 * Load-time weaving of {@code @Protected} methods with the ASM that Byte Buddy ships, for {@code -javaagent}.
 *
 * <p>Why not Byte Buddy's {@code AgentBuilder} and {@code Advice} here: they load about 1,700 classes and parse the
 * advice before the first protected class can load, which cost the device-admin sample +0.5 s (idle) to +1.5 s
 * (loaded 2-core machine) of startup; {@code Advice} on a bare {@code AsmVisitorWrapper} still loaded 840 classes
 * (~0.4 s cold). This weaver loads about 30 classes of Byte Buddy's jar, all ASM but two matcher interfaces
 * (figures in the module README). Runtime attach registers this weaver too, for the classes loaded after it, and
 * keeps {@code AgentBuilder} with {@link ProtectedAdvice} for the classes loaded before (retransformed classes cannot
 * gain methods).
 *
 * <p>One source of behaviour: the code the guard runs is not written here but copied from the compiled advice
 * classes, {@link ProtectedAdvice#enter}, {@link ProtectedAdvice#exit} and {@link ClassInitValidation#exit}, into
 * the woven class as private static synthetic methods ({@code maa$enter}, {@code maa$exit},
 * {@code maa$validate}). So their references to {@code dev.maa.core} resolve from the class's own loader, exactly
 * as with inlined advice. Each protected method {@code m} keeps its name, annotations and parameter metadata, and
 * its body moves to a private synthetic {@code m$maa$body}; {@code m} becomes
 * {@code admission = maa$enter(<Method constant>, this, args); try { r = m$maa$body(args) } catch (Throwable t)
 * { maa$exit(admission, null, t); throw t; } maa$exit(admission, r, null); return r;}. The original bytecode is
 * never edited, so its stack map frames stay valid. The type initializer calls {@code maa$validate} before each
 * {@code return} (one is added when the class has none).
 *
 * <p>Only class files of Java 11 or later (dynamic constants for the {@code Method}); older ones go to Byte Buddy.
 */
final class ProtectedWeaver {

    static final String PROTECTED_DESCRIPTOR = "Ldev/maa/api/Protected;";
    static final String BODY_SUFFIX = "$maa$body";
    private static final String ENTER = "maa$enter";
    private static final String EXIT = "maa$exit";
    private static final String VALIDATE = "maa$validate";
    private static final String ENTER_DESCRIPTOR =
            "(Ljava/lang/reflect/Method;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String EXIT_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V";
    private static final String VALIDATE_DESCRIPTOR = "(Ljava/lang/Class;)V";

    private static final Handle CONSTANT_BOOTSTRAP = new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/ConstantBootstraps",
            "invoke",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
                    + "Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;)Ljava/lang/Object;",
            false);
    private static final Handle REFLECT_AS = new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/MethodHandles",
            "reflectAs",
            "(Ljava/lang/Class;Ljava/lang/invoke/MethodHandle;)Ljava/lang/reflect/Member;",
            false);

    private ProtectedWeaver() {}

    /** What a class file declares, read without its code. */
    record Scan(int version, boolean isInterface, Set<String> protectedMethods, boolean hasTypeInitializer) {

        /** Java 11 (major 55) introduced the dynamic constants the weaver uses for the {@code Method}. */
        boolean weavable() {
            return (version & 0xFFFF) >= Opcodes.V11;
        }
    }

    /** Which concrete methods carry {@code @Protected} (declared directly, as the Byte Buddy matcher requires). */
    static Scan scan(byte[] classFile) {
        Set<String> found = new HashSet<>();
        int[] version = new int[1];
        boolean[] flags = new boolean[2];
        new ClassReader(classFile)
                .accept(
                        new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(
                                    int v,
                                    int access,
                                    String name,
                                    String signature,
                                    String superName,
                                    String[] interfaces) {
                                version[0] = v;
                                flags[0] = (access & Opcodes.ACC_INTERFACE) != 0;
                            }

                            @Override
                            public MethodVisitor visitMethod(
                                    int access, String name, String descriptor, String signature, String[] exceptions) {
                                if (name.equals("<clinit>")) {
                                    flags[1] = true;
                                }
                                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
                                        || name.startsWith("<")) {
                                    return null;
                                }
                                return new MethodVisitor(Opcodes.ASM9) {
                                    @Override
                                    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                                        if (annotation.equals(PROTECTED_DESCRIPTOR)) {
                                            found.add(name + descriptor);
                                        }
                                        return null;
                                    }
                                };
                            }
                        },
                        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new Scan(version[0], flags[0], found, flags[1]);
    }

    /** The woven class file; {@code scan} must be {@link Scan#weavable()} and name at least one method. */
    static byte[] weave(byte[] classFile, Scan scan) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new Weaving(writer, scan), 0);
        return writer.toByteArray();
    }

    private static final class Weaving extends ClassVisitor {

        private final Scan scan;
        private String owner;

        Weaving(ClassVisitor next, Scan scan) {
            super(Opcodes.ASM9, next);
            this.scan = scan;
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("<clinit>")) {
                return new ValidateBeforeReturn(
                        super.visitMethod(access, name, descriptor, signature, exceptions), owner, scan.isInterface());
            }
            if (!scan.protectedMethods().contains(name + descriptor)) {
                return super.visitMethod(access, name, descriptor, signature, exceptions);
            }
            int bodyAccess =
                    Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | access & (Opcodes.ACC_STATIC | Opcodes.ACC_STRICT);
            MethodVisitor guard = super.visitMethod(access, name, descriptor, signature, exceptions);
            MethodVisitor body = super.visitMethod(bodyAccess, name + BODY_SUFFIX, descriptor, null, exceptions);
            return new SplitMethod(this, guard, body, access, name, descriptor);
        }

        @Override
        public void visitEnd() {
            copy(Templates.ADVICE, "enter", ENTER);
            copy(Templates.ADVICE, "exit", EXIT);
            copy(Templates.VALIDATION, "exit", VALIDATE);
            if (!scan.hasTypeInitializer()) {
                MethodVisitor clinit = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
                clinit.visitCode();
                validate(clinit, owner, scan.isInterface());
                clinit.visitInsn(Opcodes.RETURN);
                clinit.visitMaxs(1, 0);
                clinit.visitEnd();
            }
            super.visitEnd();
        }

        /** Copies one static method of a compiled advice class: code and frames only, no annotations. */
        private void copy(byte[] template, String method, String as) {
            ClassVisitor target = cv;
            new ClassReader(template)
                    .accept(
                            new ClassVisitor(Opcodes.ASM9) {
                                @Override
                                public MethodVisitor visitMethod(
                                        int access,
                                        String name,
                                        String descriptor,
                                        String signature,
                                        String[] exceptions) {
                                    if (!name.equals(method)) {
                                        return null;
                                    }
                                    MethodVisitor copy = target.visitMethod(
                                            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                                            as,
                                            descriptor,
                                            null,
                                            exceptions);
                                    return new CodeOnly(copy);
                                }
                            },
                            ClassReader.SKIP_DEBUG);
        }

        private void writeGuard(MethodVisitor mv, int access, String name, String descriptor) {
            boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
            boolean itf = scan.isInterface();
            Type[] params = Type.getArgumentTypes(descriptor);
            Type returns = Type.getReturnType(descriptor);
            int slots = isStatic ? 0 : 1;
            for (Type p : params) {
                slots += p.getSize();
            }
            int admission = slots;
            int result = slots + 1;
            Label start = new Label();
            Label end = new Label();
            Label failed = new Label();

            mv.visitCode();
            mv.visitTryCatchBlock(start, end, failed, "java/lang/Throwable");
            mv.visitLdcInsn(new ConstantDynamic(
                    "invoke",
                    "Ljava/lang/reflect/Method;",
                    CONSTANT_BOOTSTRAP,
                    REFLECT_AS,
                    Type.getType("Ljava/lang/reflect/Method;"),
                    new Handle(handleKind(access, itf), owner, name, descriptor, itf)));
            if (isStatic) {
                mv.visitInsn(Opcodes.ACONST_NULL);
            } else {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
            }
            pushArguments(mv, params, isStatic ? 0 : 1);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, ENTER, ENTER_DESCRIPTOR, itf);
            mv.visitVarInsn(Opcodes.ASTORE, admission);

            mv.visitLabel(start);
            int slot = 0;
            if (!isStatic) {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                slot = 1;
            }
            for (Type p : params) {
                mv.visitVarInsn(p.getOpcode(Opcodes.ILOAD), slot);
                slot += p.getSize();
            }
            mv.visitMethodInsn(
                    isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKESPECIAL,
                    owner,
                    name + BODY_SUFFIX,
                    descriptor,
                    itf);
            mv.visitLabel(end);
            if (returns.getSort() == Type.VOID) {
                mv.visitVarInsn(Opcodes.ALOAD, admission);
                mv.visitInsn(Opcodes.ACONST_NULL);
            } else {
                mv.visitVarInsn(returns.getOpcode(Opcodes.ISTORE), result);
                mv.visitVarInsn(Opcodes.ALOAD, admission);
                mv.visitVarInsn(returns.getOpcode(Opcodes.ILOAD), result);
                box(mv, returns);
            }
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, EXIT, EXIT_DESCRIPTOR, itf);
            if (returns.getSort() != Type.VOID) {
                mv.visitVarInsn(returns.getOpcode(Opcodes.ILOAD), result);
            }
            mv.visitInsn(returns.getOpcode(Opcodes.IRETURN));

            mv.visitLabel(failed);
            List<Object> locals = new ArrayList<>();
            if (!isStatic) {
                locals.add(owner);
            }
            for (Type p : params) {
                locals.add(frameType(p));
            }
            locals.add("java/lang/Object");
            mv.visitFrame(Opcodes.F_FULL, locals.size(), locals.toArray(), 1, new Object[] {"java/lang/Throwable"});
            mv.visitVarInsn(Opcodes.ASTORE, result);
            mv.visitVarInsn(Opcodes.ALOAD, admission);
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitVarInsn(Opcodes.ALOAD, result);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, EXIT, EXIT_DESCRIPTOR, itf);
            mv.visitVarInsn(Opcodes.ALOAD, result);
            mv.visitInsn(Opcodes.ATHROW);
            // stack: Method, target, array, array, index, a long or double value
            mv.visitMaxs(Math.max(7, slots + 1), result + Math.max(1, returns.getSize()));
            mv.visitEnd();
        }
    }

    /** As Byte Buddy's {@code JavaConstant.MethodHandle.of} chooses it. */
    private static int handleKind(int access, boolean itf) {
        if ((access & Opcodes.ACC_STATIC) != 0) {
            return Opcodes.H_INVOKESTATIC;
        }
        if ((access & Opcodes.ACC_PRIVATE) != 0) {
            return Opcodes.H_INVOKESPECIAL;
        }
        return itf ? Opcodes.H_INVOKEINTERFACE : Opcodes.H_INVOKEVIRTUAL;
    }

    private static void pushArguments(MethodVisitor mv, Type[] params, int firstSlot) {
        mv.visitLdcInsn(params.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        int slot = firstSlot;
        for (int i = 0; i < params.length; i++) {
            mv.visitInsn(Opcodes.DUP);
            mv.visitLdcInsn(i);
            mv.visitVarInsn(params[i].getOpcode(Opcodes.ILOAD), slot);
            box(mv, params[i]);
            mv.visitInsn(Opcodes.AASTORE);
            slot += params[i].getSize();
        }
    }

    private static void box(MethodVisitor mv, Type type) {
        String boxed = switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.BYTE -> "java/lang/Byte";
            case Type.CHAR -> "java/lang/Character";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
        if (boxed != null) {
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC, boxed, "valueOf", "(" + type.getDescriptor() + ")L" + boxed + ";", false);
        }
    }

    private static Object frameType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            default -> type.getInternalName();
        };
    }

    private static void validate(MethodVisitor mv, String owner, boolean itf) {
        mv.visitLdcInsn(Type.getObjectType(owner));
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, VALIDATE, VALIDATE_DESCRIPTOR, itf);
    }

    /** Calls {@code maa$validate} before each {@code return} of an existing type initializer. */
    private static final class ValidateBeforeReturn extends MethodVisitor {
        private final String owner;
        private final boolean itf;

        ValidateBeforeReturn(MethodVisitor next, String owner, boolean itf) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.itf = itf;
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN) {
                validate(mv, owner, itf);
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + 1, maxLocals);
        }
    }

    /**
     * Sends a method's declaration (annotations, parameter names, attributes) to the guard and its code to the body;
     * at the end, writes the guard.
     */
    private static final class SplitMethod extends MethodVisitor {
        private final Weaving weaving;
        private final MethodVisitor guard;
        private final MethodVisitor body;
        private final int access;
        private final String name;
        private final String descriptor;

        SplitMethod(
                Weaving weaving, MethodVisitor guard, MethodVisitor body, int access, String name, String descriptor) {
            super(Opcodes.ASM9, guard);
            this.weaving = weaving;
            this.guard = guard;
            this.body = body;
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
        }

        @Override
        public void visitCode() {
            mv = body; // from here on: instructions, frames, debug tables, code type annotations
            super.visitCode();
        }

        @Override
        public void visitEnd() {
            super.visitEnd(); // ends the body
            weaving.writeGuard(guard, access, name, descriptor);
        }
    }

    /** Passes code only: the advice's annotations would mean nothing in the woven class. */
    private static final class CodeOnly extends MethodVisitor {
        CodeOnly(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return null;
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
            return null;
        }

        @Override
        public void visitAnnotableParameterCount(int parameterCount, boolean visible) {}

        @Override
        public AnnotationVisitor visitTypeAnnotation(
                int typeRef, TypePath typePath, String descriptor, boolean visible) {
            return null;
        }

        @Override
        public void visitParameter(String name, int access) {}
    }

    /** Read on first weaving, apart from {@link #scan}: if they cannot be read, the gate can still refuse. */
    private static final class Templates {
        static final byte[] ADVICE = agentClassFile("ProtectedAdvice");
        static final byte[] VALIDATION = agentClassFile("ClassInitValidation");
    }

    private static byte[] agentClassFile(String simpleName) {
        String resource = "dev/maa/agent/internal/" + simpleName + ".class";
        try (InputStream in = ProtectedWeaver.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("maa-agent: " + resource + " is missing from the agent jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("maa-agent: cannot read " + resource + " from the agent jar", e);
        }
    }
}
