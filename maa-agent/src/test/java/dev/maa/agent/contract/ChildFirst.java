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

    public ChildFirst(String prefix, ClassLoader parent) {
        super("child-first[" + prefix + "]", new URL[] {testClasses()}, parent);
        this.prefix = prefix;
    }

    public static URL testClasses() {
        try {
            return Path.of(ChildFirst.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
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
            return c != null ? c : findClass(name);
        }
    }
}
