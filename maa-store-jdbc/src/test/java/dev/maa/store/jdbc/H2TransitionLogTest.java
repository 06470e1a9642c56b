package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Status;
import dev.maa.api.StoreUnavailableException;
import dev.maa.store.jdbc.internal.TransitionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
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

    /**
     * Issue 14: H2 closes its database when it fails to write its file, and the pool's next connection opens the
     * file again without the commits H2 held in memory. A checkpoint of that new database must not delete the
     * segments: the log fails closed, keeps them, and the next open replays them. ({@code SHUTDOWN IMMEDIATELY}
     * closes the database without writing, as H2's panic on a full disk does.)
     */
    @Test
    void checkpoint_afterH2ReopenedItsFile_keepsTheSegments_andRefusesWrites() throws Exception {
        Path base = dir.resolve("maa");
        try (JdbcRequestStore store = JdbcStores.open(JdbcStores.h2FileSettings(base)
                .logCheckpointInterval(Duration.ZERO)
                .auditSealInterval(Duration.ZERO)
                .build())) {
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            Connection c = store.dataSource().getConnection();
            try {
                c.createStatement().execute("SHUTDOWN IMMEDIATELY");
                c.close();
            } catch (SQLException closedWithItsDatabase) {
                // the pool's clean-up of a connection whose database is gone
            }
            for (int i = 0; i < 3; i++) { // the first may meet a pooled connection of the closed database
                assertThatThrownBy(() -> store.db().checkpointLog())
                        .as("checkpoint " + i + " of a database H2 opened again")
                        .isInstanceOf(StoreUnavailableException.class);
            }
            assertThat(segments(base)).as("segments kept for the replay").isNotEmpty();
            assertThatThrownBy(() -> store.insert(request("r2", "app-2", 0), event("r2", "SUBMITTED")))
                    .isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(segments(base)).as("an orderly close keeps them too").isNotEmpty();
        try (JdbcRequestStore store = JdbcStores.h2File(base)) {
            assertThat(store.find("r1")).as("the acknowledged park, replayed").isPresent();
            assertThat(store.find("r2")).as("the refused one").isEmpty();
        }
        assertThat(segments(base)).isEmpty();
    }

    private static List<Path> segments(Path base) throws IOException {
        try (Stream<Path> files = Files.list(base.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("maa.tlog."))
                    .toList();
        }
    }
}
