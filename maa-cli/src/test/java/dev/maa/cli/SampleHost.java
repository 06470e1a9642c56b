package dev.maa.cli;

import dev.maa.core.MaaEngine;
import dev.maa.samples.deviceadmin.AppCatalog;
import dev.maa.samples.deviceadmin.AppManagement;
import dev.maa.samples.deviceadmin.SideEffects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The sample device-admin service as a host on a dev home, guarded as the demo guards it: by the maa-agent
 * attached to this JVM, or by a JDK proxy when attaching failed. For tests that need requests the CLI then reads.
 */
final class SampleHost {

    private SampleHost() {}

    static <T> T run(Path home, BiFunction<DevEnvironment, AppManagement, T> body) {
        return run(home, null, body);
    }

    /** As {@link #run(Path, BiFunction)}, with the demo reading {@code config}'s enforcement and decision log. */
    static <T> T run(Path home, Path config, BiFunction<DevEnvironment, AppManagement, T> body) {
        Optional<String> noAgent = AgentAttach.ensureAttached();
        try (DevEnvironment env = DevEnvironment.openDemo(home, config, new PrintWriter(new StringWriter()))) {
            MaaEngine engine = env.engine().installGlobal();
            try {
                AppCatalog catalog = new AppCatalog(new SideEffects());
                AppManagement apps = noAgent.isEmpty() ? catalog : engine.protect(AppManagement.class, catalog);
                return body.apply(env, apps);
            } finally {
                engine.uninstallGlobal();
            }
        }
    }
}
