package dev.maa.agent.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The classes that declare {@code @Protected} methods and went through the {@link GateTransformer} as they loaded
 * (woven, handed to Byte Buddy for an old class file, or refused): after a runtime attach, Byte Buddy's
 * {@code AgentBuilder} leaves them alone, so nothing is guarded twice, whether it meets them on their load (the JVM
 * calls the gate first), in its retransformation of the loaded classes, or in a later retransformation (which starts
 * from the gate's output). Keyed weakly by loader, so a discarded loader is not kept.
 */
final class GatedClasses {

    private final Map<ClassLoader, Set<String>> names = new WeakHashMap<>();

    /** Records a class the gate is about to handle; {@code internalName} with {@code /}. */
    synchronized void add(ClassLoader loader, String internalName) {
        names.computeIfAbsent(loader, l -> new HashSet<>()).add(internalName.replace('/', '.'));
    }

    /** Whether the gate handled the class of this binary name defined by this loader. */
    synchronized boolean contains(ClassLoader loader, String binaryName) {
        Set<String> gated = loader == null ? null : names.get(loader);
        return gated != null && gated.contains(binaryName);
    }
}
