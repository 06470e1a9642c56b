package dev.maa.store.jdbc.internal;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Status;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file's transition log replayed at open: writes that H2 never got to its file come back from the log (with
 * the MACs they were written with), a torn tail is ignored, a corrupt record refuses the open, a replay twice
 * changes nothing, and a forged staged event is chained as rejected.
 *
 * <p>A crash is staged without a child JVM: the H2 file of an earlier moment is put back beside the log segments
 * saved from a store that acknowledged writes since; that is the state {@code kill -9} leaves when H2 has not
 * written its chunk ({@code H2LogCrashTest} does it with a real kill).
 */
class TransitionLogTest {

    @TempDir
    Path dir;

    private Path base;
    private Path before;
    private final List<Path> savedSegments = new ArrayList<>();

    private JdbcRequestStore open() {
        return JdbcStores.open(JdbcStores.h2FileSettings(base)
                .logCheckpointInterval(Duration.ZERO)
                .auditSealInterval(Duration.ZERO)
                .build());
    }

    /** r1 parked and approved, r2 parked, all acknowledged; H2's file is put back to before them. */
    private void crashAfterThreeAcknowledgedWrites() throws IOException {
        base = dir.resolve("maa");
        open().close();
        before = Files.copy(H2Files.sibling(base, ".mv.db"), dir.resolve("before.mv.db"));
        try (JdbcRequestStore store = open()) {
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            ApprovalRequest r1 = store.find("r1").orElseThrow();
            store.update(
                    r1.toBuilder().status(Status.APPROVED).build(), Status.NEEDS_APPROVAL, 1, event("r1", "APPROVED"));
            store.insert(request("r2", "app-2", 1), event("r2", "SUBMITTED"));
            for (Path segment : segments()) {
                savedSegments.add(Files.copy(segment, dir.resolve("saved-" + segment.getFileName())));
            }
        }
        assertThat(segments()).as("an orderly close deletes the log").isEmpty();
        restoreCrashState();
    }

    private void restoreCrashState() throws IOException {
        Files.copy(before, H2Files.sibling(base, ".mv.db"), StandardCopyOption.REPLACE_EXISTING);
        for (Path saved : savedSegments) {
            Files.copy(saved, dir.resolve(saved.getFileName().toString().substring("saved-".length())));
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("maa.tlog."))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void replay_restoresAcknowledgedWritesH2Lacks_withTheirOriginalMacs() throws IOException {
        crashAfterThreeAcknowledgedWrites();
        assertThat(savedSegments).isNotEmpty();
        try (JdbcRequestStore store = open()) {
            ApprovalRequest r1 = store.find("r1").orElseThrow();
            assertThat(r1.status()).isEqualTo(Status.APPROVED);
            assertThat(r1.version()).isEqualTo(2);
            assertThat(r1.payload()).isEqualTo(request("r1", "app-1", 0).payload());
            assertThat(r1.digest()).isEqualTo(request("r1", "app-1", 0).digest());
            assertThat(store.find("r2").orElseThrow().status()).isEqualTo(Status.NEEDS_APPROVAL);
            assertThat(store.auditLog().forRequest("r1"))
                    .extracting(e -> e.event().type())
                    .containsExactly("SUBMITTED", "APPROVED");
            assertThat(store.auditLog().verify().intact()).isTrue();
        }
        assertThat(segments()).as("replayed, then deleted").isEmpty();
    }

    @Test
    void replay_runTwice_changesNothingTheSecondTime() throws IOException {
        crashAfterThreeAcknowledgedWrites();
        List<AuditEntry> first;
        try (JdbcRequestStore store = open()) {
            first = store.auditLog().read(0, 100);
        }
        for (Path saved : savedSegments) { // the same records again, against a file that has them
            Files.copy(saved, dir.resolve(saved.getFileName().toString().substring("saved-".length())));
        }
        try (JdbcRequestStore store = open()) {
            assertThat(store.auditLog().read(0, 100)).isEqualTo(first);
            assertThat(store.find("r1").orElseThrow().version()).isEqualTo(2);
            assertThat(store.find("r2").orElseThrow().version()).isEqualTo(1);
        }
    }

    @Test
    void tornTail_isIgnored_andEverythingBeforeItIsRestored() throws IOException {
        crashAfterThreeAcknowledgedWrites();
        Path last = segments().get(segments().size() - 1);
        ApprovalRequest r3 = request("r3", "app-3", 2);
        byte[] torn = LogSegments.frame(TransitionRecord.inserted(r3, RequestCodec.toBody(r3), List.of())
                .encode());
        Files.write(last, Arrays.copyOf(torn, torn.length / 2), StandardOpenOption.APPEND);
        try (JdbcRequestStore store = open()) {
            assertThat(store.find("r1").orElseThrow().status()).isEqualTo(Status.APPROVED);
            assertThat(store.find("r2")).isPresent();
            assertThat(store.find("r3"))
                    .as("the torn record was never acknowledged")
                    .isEmpty();
        }
    }

    @Test
    void corruptRecordBeforeOthers_refusesToOpen_namingTheFileAndWhatToDo() throws IOException {
        crashAfterThreeAcknowledgedWrites();
        Path segment = segments().get(0);
        byte[] b = Files.readAllBytes(segment);
        b[12] ^= 0x20; // inside the first record, with more records after it
        Files.write(segment, b);
        assertThatThrownBy(this::open)
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(segment.toString())
                .hasMessageContaining("corrupt at byte 0")
                .hasMessageContaining("checksum")
                .hasMessageContaining("backup");
        assertThat(Files.readAllBytes(segment)).as("the log is left as it was").isEqualTo(b);
    }

    @Test
    void forgedStagedEvent_isChainedAsRejected_neverAsTheEvent() throws IOException {
        base = dir.resolve("maa");
        open().close();
        AuditEvent forged = new AuditEvent(T0, "r9", "mallory", "APPROVED", "approved by nobody");
        ApprovalRequest r9 = request("r9", "app-9", 0);
        byte[] record = TransitionRecord.inserted(
                        r9, RequestCodec.toBody(r9), List.of(new AuditRows.Staged(forged, "00".repeat(32))))
                .encode();
        Path segment = TransitionLog.segment(base, 7);
        Files.write(segment, LogSegments.frame(record));
        Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-------"));
        try (JdbcRequestStore store = open()) {
            assertThat(store.find("r9")).isPresent();
            List<AuditEntry> entries = store.auditLog().read(0, 100);
            assertThat(entries)
                    .extracting(e -> e.event().type())
                    .contains(AuditEventType.AUDIT_EVENT_REJECTED.name())
                    .doesNotContain("APPROVED");
            assertThat(store.auditLog().verify().problems())
                    .as("verify reports the rejected event")
                    .anySatisfy(p -> assertThat(p).contains("staged-mac"));
        }
    }

    @Test
    void aSegmentOpenToOtherUsers_refusesToOpen() throws IOException {
        base = dir.resolve("maa");
        open().close();
        Path segment = TransitionLog.segment(base, 3);
        Files.write(segment, new byte[0]);
        Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(this::open)
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(segment.toString())
                .hasMessageContaining("chmod 600");
    }

    @Test
    void replay_ofAnInsert_replacesInboxRowsWithoutTheirRequest() throws Exception {
        base = dir.resolve("maa");
        try (JdbcRequestStore store = open();
                Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO maa_request_approver (request_id, approver_group, status, created_at) "
                    + "VALUES ('r8', 'app-approvers', 'NEEDS_APPROVAL', CURRENT_TIMESTAMP)");
        }
        ApprovalRequest r8 = request("r8", "app-8", 0);
        Path segment = TransitionLog.segment(base, 5);
        Files.write(
                segment,
                LogSegments.frame(TransitionRecord.inserted(r8, RequestCodec.toBody(r8), List.of())
                        .encode()));
        Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-------"));
        try (JdbcRequestStore store = open()) {
            assertThat(store.find("r8")).isPresent();
        }
    }

    /**
     * No store of the file beside a write (see TransitionLog): while a write is in flight, another write runs beside
     * it, a checkpoint waits for it (and new writes wait behind the checkpoint), a read does not wait.
     */
    @Test
    void whileAWriteIsInFlight_storesWait_writesAndReadsDoNot() throws Exception {
        base = dir.resolve("maa");
        try (JdbcRequestStore store = open()) {
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            TransitionLog log = TransitionLog.open(base); // the store's own (shared by every store of the file)
            CountDownLatch inFlight = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                try {
                    log.asAWriter(() -> {
                        inFlight.countDown();
                        return finish.await(30, TimeUnit.SECONDS);
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writer.start();
            assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
            store.insert(request("r2", "app-2", 1), event("r2", "SUBMITTED")); // beside the write in flight
            assertThat(store.find("r2")).as("a write beside another").isPresent();
            AtomicBoolean stored = new AtomicBoolean();
            Thread checkpoint = new Thread(() -> log.checkpoint(() -> {
                stored.set(true);
                try (Connection c = store.dataSource().getConnection()) {
                    return H2Instance.of(c);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
            checkpoint.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting(checkpoint));
            assertThat(store.find("r1")).as("a read while a write is in flight").isPresent();
            assertThat(stored).as("no store of the file during a write").isFalse();
            finish.countDown();
            for (Thread t : List.of(writer, checkpoint)) {
                t.join(30_000);
            }
            assertThat(stored).isTrue();
            log.abandon(); // gives back this test's use; the store still holds the log
        }
    }

    /** A store inside a write would wait for that write forever: refused at once. */
    @Test
    void aStoreInsideAWrite_isRefused() {
        base = dir.resolve("maa");
        try (JdbcRequestStore store = open()) {
            TransitionLog log = TransitionLog.open(base);
            assertThatThrownBy(() -> log.asAWriter(() -> log.asTheOnlyWriter(() -> null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inside a writing transaction");
            log.abandon();
        }
    }

    /**
     * H2 stores the file itself, in whichever thread writes, once 19 MB of changes are unsaved: with no checkpoint
     * running, writes keep the unsaved amount under half of that by storing first as the only writer.
     */
    @Test
    void withoutCheckpoints_writersStoreTheFileLongBeforeH2Would() throws Exception {
        base = dir.resolve("maa");
        try (JdbcRequestStore store = open()) {
            TransitionLog log = TransitionLog.open(base);
            Object database;
            try (Connection c = store.dataSource().getConnection()) {
                database = H2Instance.of(c);
            }
            int threshold = H2Instance.autoStoreMemory(database);
            int most = 0;
            String text = "x".repeat(20_000);
            for (int i = 0; i < 1_000 && log.unsavedStores() < 2; i++) {
                ApprovalRequest r = request("r" + i, "app-" + i, i).toBuilder()
                        .justification(text)
                        .build();
                store.insert(r, event(r.id(), "SUBMITTED"));
                most = Math.max(most, H2Instance.unsavedMemory(database));
            }
            assertThat(log.unsavedStores()).as("stores before H2's threshold").isGreaterThanOrEqualTo(2);
            assertThat(most).as("most unsaved after a write").isLessThan(threshold * 3 / 4);
            log.abandon();
        }
    }

    private static boolean waiting(Thread t) {
        return t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
    }
}
