package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Platform;
import dev.maa.api.Principal;
import dev.maa.api.UnsupportedArgumentException;
import dev.maa.core.MaaEngine;
import dev.maa.samples.deviceadmin.App;
import dev.maa.samples.deviceadmin.AppCatalog;
import dev.maa.samples.deviceadmin.AppManagement;
import dev.maa.samples.deviceadmin.SideEffects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The composition root of {@code maa serve}, the CLI's local mode and {@code maa demo}. */
class EmbeddedMaaTest {

    /** Threads of the JDK and libraries shared by the whole JVM, not owned by the stack. */
    private static final List<String> SHARED_THREADS = List.of(
            "ForkJoinPool.commonPool",
            "process reaper",
            "Attach Listener",
            "Common-Cleaner",
            "HttpClient-",
            "awaitility");

    @TempDir
    Path home;

    @Test
    void nonDemoServer_refusesToParkTheSamplesTypes() {
        ServerConfig config =
                ServerSetup.configure(ServerSettings.defaults(home).withListen(0, "127.0.0.1"));
        try (MaaServer server = MaaServer.start(config)) {
            assertThatThrownBy(() -> updateApp(config.engine(), config.directory()))
                    .isInstanceOf(UnsupportedArgumentException.class)
                    .hasMessageContaining(App.class.getName());
        }
    }

    @Test
    void demo_parksTheSamplesTypes() {
        try (EmbeddedMaa demo =
                EmbeddedMaa.open(EmbeddedMaa.settings(home).demo(true).build())) {
            assertThatThrownBy(() -> updateApp(demo.engine(), demo.directory()))
                    .isInstanceOf(ApprovalRequiredException.class);
        }
    }

    @Test
    @Timeout(120)
    void serverClose_stopsEveryBackgroundJob_andLeavesNoThread() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        ServerConfig config =
                ServerSetup.configure(ServerSettings.defaults(home).withListen(0, "127.0.0.1"));
        try (MaaServer server = MaaServer.start(config)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            started(before).stream().anyMatch(t -> t.getName().startsWith("maa-jobs-maa-server")));
            assertThat(started(before))
                    .extracting(Thread::getName)
                    .anyMatch(n -> n.equals("maa-audit-sealer"))
                    .anyMatch(n -> n.equals("maa-server-events"));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(started(before))
                        .as("threads the server started and left running")
                        .isEmpty());
    }

    /** Alive threads that did not exist {@code before}, except the JVM's shared ones. */
    private static List<Thread> started(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> SHARED_THREADS.stream().noneMatch(t.getName()::startsWith))
                .toList();
    }

    /** alice updates an app: parked with an argument of the sample's record type, if the engine allows it. */
    private static void updateApp(MaaEngine engine, dev.maa.api.Directory directory) {
        AppManagement apps = engine.protect(AppManagement.class, new AppCatalog(new SideEffects()));
        Principal alice = directory.find("alice").orElseThrow();
        try (var who = Maa.actingAs(alice);
                var why = Maa.justify("CHG-1 ship VPN 2.0")) {
            apps.updateApp(new App("app-1", "Contoso VPN", "2.0", Platform.WINDOWS));
        }
    }
}
