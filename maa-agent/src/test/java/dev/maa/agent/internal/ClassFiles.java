package dev.maa.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Class-file plumbing for the weaving tests: read a test class's bytes, define bytes, call reflectively. */
final class ClassFiles {

    private ClassFiles() {}

    /** Invokes {@code m}, rethrowing what the method itself threw. */
    static Object invoke(Method m, Object target, Object... args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The class file of a test class, as compiled. */
    static byte[] classFile(String name) throws IOException {
        try (InputStream in =
                ClassFiles.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines one class from the given bytes, child-first; everything else from the parent. */
    static final class Defining extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        Defining(String name, byte[] bytes, ClassLoader parent) {
            super(parent);
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> c = findLoadedClass(className);
                return c != null ? c : defineClass(className, bytes, 0, bytes.length);
            }
        }
    }
}
