package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.maa.api.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file on a disk that fills up (a small tmpfs): parks fail closed with {@link StoreUnavailableException}
 * while it is full, and every park that returned survives once there is room again.
 */
class H2FullDiskTest {

    private static final int MAX_PARKS = 20_000;

    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    @Test
    @Timeout(180)
    void parksOnAFullDisk_failClosed_andEveryAcknowledgedParkSurvives() throws Exception {
        Path disk = Files.createDirectory(dir.resolve("disk"));
        assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", disk.toString()) == 0,
                "mounting a small tmpfs is not permitted here (needs root and CAP_SYS_ADMIN)");
        mounted = disk;
        Path base = disk.resolve("maa");
        List<String> acknowledged = new ArrayList<>();
        List<RuntimeException> refusals = new ArrayList<>();
        try (JdbcRequestStore store = JdbcStores.h2File(base)) {
            for (int i = 0; i < MAX_PARKS && refusals.size() < 20; i++) {
                String id = "full-" + i;
                try {
                    store.insert(request(id, "app-" + i, 0), event(id, "SUBMITTED"));
                    acknowledged.add(id);
                } catch (RuntimeException e) {
                    refusals.add(e);
                }
            }
        } catch (RuntimeException closingOnAFullDisk) {
            // the store may fail to seal or close while the disk is full; nothing acknowledged depends on it
        }
        assertThat(refusals).as("parks refused while the disk was full").isNotEmpty();
        assertThat(refusals)
                .allSatisfy(e -> assertThat(e)
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageNotContaining(base.toString())
                        .hasMessageContaining("fail closed"));
        assertThat(refusals)
                .anySatisfy(e -> assertThat(e)
                        .hasMessageContaining("cannot write to its disk")
                        .hasMessageContaining("not acknowledged"));
        assertThat(acknowledged).as("parks before the disk filled").isNotEmpty();

        assertThat(run("mount", "-o", "remount,size=64m", disk.toString())).isZero();
        try (JdbcRequestStore store = JdbcStores.h2File(base)) {
            for (String id : acknowledged) {
                assertThat(store.find(id)).as("acknowledged park " + id).isPresent();
            }
            assertThat(store.auditLog().verify().intact()).isTrue();
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
