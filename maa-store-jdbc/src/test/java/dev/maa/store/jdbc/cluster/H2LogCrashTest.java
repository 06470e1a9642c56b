package dev.maa.store.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.CompletionMode;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import dev.maa.store.jdbc.internal.H2Files;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the owner of an H2 file that never wrote its own file after the writes (an hour's
 * {@code WRITE_DELAY}, no log checkpoint): the transition log alone restores every acknowledged write at the next
 * open, and no call that ran runs again.
 */
class H2LogCrashTest {

    private static final int CALLS = 5;
    private static final int KILLED = 137;
    private static final Pattern COMPLETED = Pattern.compile("^COMPLETED (\\S+)$", Pattern.MULTILINE);
    private static final Pattern APPROVED = Pattern.compile("^APPROVED (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void ownerKilledBeforeH2WroteItsFile_theLogRestoresEveryAcknowledgedWrite_andNothingRunsTwice() throws Exception {
        Path base = dir.resolve("maa");
        Path sideEffects = Files.createFile(dir.resolve("side-effects.txt"));
        String output;
        try (ChildJvm child = ChildJvm.start(
                CrashingHostProcess.class,
                dir.resolve("lazy.log"),
                "lazy",
                "h2:" + base,
                sideEffects.toString(),
                Integer.toString(CALLS))) {
            assertThat(child.waitFor(Duration.ofSeconds(120)))
                    .as(child.output())
                    .isEqualTo(KILLED);
            output = child.output();
        }
        List<String> completed =
                COMPLETED.matcher(output).results().map(m -> m.group(1)).toList();
        List<String> approved =
                APPROVED.matcher(output).results().map(m -> m.group(1)).toList();
        assertThat(completed).hasSize(CALLS);
        assertThat(approved).hasSize(CALLS);
        List<String> acknowledged = new ArrayList<>(completed);
        acknowledged.addAll(approved);
        assertThat(inH2FileAlone(base, acknowledged))
                .as("requests the H2 file itself kept")
                .isLessThan(acknowledged.size());

        try (JdbcRequestStore restarted = JdbcStores.h2File(base)) {
            MaaEngine host = ClusterNodes.engine(restarted, "restarted", CompletionMode.MANUAL)
                    .build();
            host.registerTarget(SideEffectTargets.appending(sideEffects));
            for (String id : completed) {
                assertThat(restarted.find(id).orElseThrow().status()).as(id).isEqualTo(Status.COMPLETED);
                assertThatThrownBy(() -> host.approvals().complete(id, ClusterNodes.ALICE))
                        .isInstanceOf(IllegalRequestStateException.class);
            }
            for (String id : approved) {
                ApprovalRequest r = restarted.find(id).orElseThrow();
                assertThat(r.status()).as(id).isEqualTo(Status.APPROVED);
                assertThat(r.reviews()).as(id).hasSize(1);
            }
            assertThat(restarted.auditLog().verify().intact()).isTrue();
        }
        List<String> runs = Files.readAllLines(sideEffects);
        assertThat(runs).as("each call ran exactly once").hasSize(CALLS).doesNotHaveDuplicates();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("maa.tlog."));
        }
    }

    /** How many of {@code ids} the H2 file holds without the log (opened as H2 alone, the log left aside). */
    private static int inH2FileAlone(Path base, List<String> ids) throws Exception {
        String password = H2Files.prepare(base);
        int found = 0;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "sa", password);
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM maa_request WHERE id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    found += rs.next() ? 1 : 0;
                }
            }
        }
        return found;
    }
}
