package dev.maa.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The weaver behind {@code -javaagent}: {@link ProtectedWeaver} for class files of Java 11 or later; Byte Buddy's
 * {@code AgentBuilder} for older ones (which cannot hold the dynamic constant for the {@code Method}), built on
 * first use, so an application without such classes never loads Byte Buddy's agent machinery.
 */
final class LoadTimeWeaver implements GateTransformer.Weaver {

    private final Supplier<ClassFileTransformer> build;
    private ClassFileTransformer byteBuddy;

    LoadTimeWeaver(AgentConfig config) {
        this(new ByteBuddyBuild(config));
    }

    /** With another way to build Byte Buddy's transformer (tests make it fail). */
    LoadTimeWeaver(Supplier<ClassFileTransformer> build) {
        this.build = build;
    }

    @Override
    public byte[] weave(
            ClassLoader loader,
            String internalName,
            ProtectionDomain domain,
            byte[] classFile,
            ProtectedWeaver.Scan scan)
            throws Exception {
        if (scan.weavable()) {
            return ProtectedWeaver.weave(classFile, scan);
        }
        return byteBuddy().transform(loader, internalName, null, domain, classFile);
    }

    private synchronized ClassFileTransformer byteBuddy() {
        if (byteBuddy == null) {
            byteBuddy = build.get();
        }
        return byteBuddy;
    }

    /** A class, not a lambda: premain would otherwise bootstrap the JDK's lambda machinery for it. */
    private static final class ByteBuddyBuild implements Supplier<ClassFileTransformer> {
        private final AgentConfig config;

        ByteBuddyBuild(AgentConfig config) {
            this.config = config;
        }

        @Override
        public ClassFileTransformer get() {
            return AgentInstaller.buildForLoadTime(config);
        }
    }
}
