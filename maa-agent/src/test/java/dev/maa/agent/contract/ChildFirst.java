package dev.maa.agent.contract;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A custom, child-first loader for fixture packages: stands for a web-app, plugin or fat-jar loader, and makes sure
 * the fixture classes are defined here (instrumented or woven) rather than by the application loader.
 */
public final class ChildFirst extends URLClassLoader {

    private final String prefix;
    private final int classFileVersion;

    public ChildFirst(String prefix, ClassLoader parent) {
        this(prefix, parent, 0);
    }

    /**
     * Defines the fixture classes with their class-file major version set to {@code classFileVersion} (e.g. 52,
     * Java 8, which the agent weaves with Byte Buddy's advice instead of its own weaver); 0 keeps them as compiled.
     */
    public ChildFirst(String prefix, ClassLoader parent, int classFileVersion) {
        super("child-first[" + prefix + "]", new URL[] {testClasses()}, parent);
        this.prefix = prefix;
        this.classFileVersion = classFileVersion;
    }

    public static URL testClasses() {
        try {
            return Path.of(ChildFirst.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toUri()
                    .toURL();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(prefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            return c != null ? c : classFileVersion == 0 ? findClass(name) : defineWithVersion(name);
        }
    }

    private Class<?> defineWithVersion(String name) throws ClassNotFoundException {
        try (java.io.InputStream in = getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            bytes[6] = (byte) (classFileVersion >>> 8);
            bytes[7] = (byte) classFileVersion;
            return defineClass(name, bytes, 0, bytes.length);
        } catch (java.io.IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
