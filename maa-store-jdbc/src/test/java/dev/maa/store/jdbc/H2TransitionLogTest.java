package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Status;
import dev.maa.store.jdbc.internal.TransitionLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which writes of the H2 file go through its transition log: the request writes (park, approve, claim, outcome)
 * append and wait for the log's force, not for H2's {@code CHECKPOINT SYNC}; a shared file keeps the group flush.
 */
class H2TransitionLogTest {

    @TempDir
    Path dir;

    @Test
    void requestWritesOfAPrivateFile_areLogged_andForced_withoutAGroupFlush() {
        try (JdbcRequestStore store = JdbcStores.open(JdbcStores.h2FileSettings(dir.resolve("maa"))
                .logCheckpointInterval(Duration.ZERO)
                .auditSealInterval(Duration.ZERO)
                .build())) {
            TransitionLog log = store.transitionLog().orElseThrow();
            long flushes = store.groupFlushes();
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            ApprovalRequest r1 = store.find("r1").orElseThrow();
            store.update(
                    r1.toBuilder().status(Status.COMPLETING).build(),
                    Status.NEEDS_APPROVAL,
                    1,
                    event("r1", "COMPLETING"));
            assertThat(store.claimReady("node-1", Duration.ofSeconds(30), 10, Instant.now()))
                    .hasSize(1);
            assertThat(log.appends()).as("park, update, claim").isEqualTo(3);
            assertThat(log.forces()).as("each waited for a force of the log").isEqualTo(3);
            assertThat(store.groupFlushes()).as("and none for CHECKPOINT SYNC").isEqualTo(flushes);
        }
    }

    @Test
    void aSharedFile_hasNoLog_andKeepsTheGroupFlush() {
        try (JdbcRequestStore store = JdbcStores.h2File(dir.resolve("shared"), true)) {
            assertThat(store.transitionLog()).isEmpty();
            long flushes = store.groupFlushes();
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            assertThat(store.groupFlushes()).isGreaterThan(flushes);
        }
    }
}
