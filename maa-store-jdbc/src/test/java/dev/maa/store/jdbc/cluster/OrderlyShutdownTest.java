package dev.maa.store.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maa.api.Status;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a process that owns the H2 file (SIGTERM, as Ctrl-C on {@code maa serve}) closes the store in order:
 * jobs stopped, audit sealed, then the pool; H2's own shutdown hook no longer closes the database under it, so
 * nothing prints "Database is already closed" and every acknowledged write and audit event is there afterwards.
 */
class OrderlyShutdownTest {

    private static final Pattern APPROVED = Pattern.compile("^APPROVED (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void stoppingTheOwnerOfTheH2File_closesTheStoreInOrder_withoutErrors_andLosesNothing() throws Exception {
        Path base = dir.resolve("maa");
        String output;
        try (ChildJvm child =
                ChildJvm.start(CrashingHostProcess.class, dir.resolve("stopped.log"), "stopped", "h2:" + base, "2")) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> APPROVED.matcher(child.output()).results().count() >= 20 || !child.isAlive());
            child.stop();
            assertThat(child.waitFor(Duration.ofSeconds(30))).as(child.output()).isEqualTo(143);
            output = child.output();
        }
        assertThat(output).contains("CLOSED").doesNotContain("Exception", "already closed");
        List<String> approved =
                APPROVED.matcher(output).results().map(m -> m.group(1)).toList();
        try (JdbcRequestStore store = JdbcStores.h2File(base)) {
            for (String id : approved) {
                assertThat(store.find(id).orElseThrow().status()).as(id).isEqualTo(Status.APPROVED);
            }
            assertThat(store.auditLog().verify().intact()).isTrue();
        }
    }
}
