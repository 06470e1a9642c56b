package dev.maa.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.policies.PolicyRevision;
import dev.maa.policies.PolicySet;
import dev.maa.store.jdbc.EmbeddedPostgresSupport;
import dev.maa.store.jdbc.JdbcPolicyRevisionStore;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of the release whose policy revisions maa-opa-policies migrated with a history of its own
 * ({@code maa_policy_schema_history}) keeps its revisions when the store's schema 1.8.1 takes the table over.
 */
class PolicyRevisionsUpgradeTest {

    private static final Instant ACTIVATED = Instant.parse("2026-11-23T10:00:01Z");

    private static PolicyRevision revision(long n) {
        return new PolicyRevision(
                n,
                PolicySet.of(Map.of("access-policies.yaml", "access_policies: []\n")),
                "rev-" + n,
                ACTIVATED.plusSeconds(n - 1),
                "alice",
                List.of("bob", "carol"),
                "req-" + n,
                "CHG-" + n,
                "");
    }

    @Test
    void anH2StoreWithPolicyRevisionsOfTheirOwnHistory_keepsThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("maa");
        JdbcDataSource old = new JdbcDataSource();
        old.setURL(JdbcStores.h2FileUrl(file));
        old.setUser("sa");
        writeOldRelease(old, Dialect.H2);
        Files.setPosixFilePermissions(dir.resolve("maa.mv.db"), PosixFilePermissions.fromString("rw-------"));

        try (JdbcRequestStore store = JdbcStores.h2File(file)) {
            assertUpgraded(store);
        }
    }

    @Test
    void aPostgresStoreWithPolicyRevisionsOfTheirOwnHistory_keepsThem() throws Exception {
        String url = EmbeddedPostgresSupport.newDatabase("policyupgrade");
        PGSimpleDataSource old = new PGSimpleDataSource();
        old.setURL(url);
        writeOldRelease(old, Dialect.POSTGRESQL);

        try (JdbcRequestStore store = JdbcStores.postgres(url, "postgres", "postgres")) {
            assertUpgraded(store);
        }
    }

    /** The store's schema before 1.8.1 and the policy table as the old JdbcPolicyRevisionStore created and wrote it. */
    private static void writeOldRelease(DataSource old, Dialect dialect) throws SQLException {
        Migrations.migrateTo(old, dialect, "1.7.1");
        Flyway.configure()
                .dataSource(old)
                .locations("classpath:db/legacy/policies")
                .table("maa_policy_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        try (Connection c = old.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO"
                                + " maa_policy_revisions (number, revision, set_digest, files_json, activated_at, requester,"
                                + " approvers_json, request_id, justification, test_override) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            PolicyRevision r = revision(1);
            ps.setLong(1, 1);
            ps.setString(2, r.revision());
            ps.setString(3, r.policySet().digest());
            ps.setString(4, "{\"access-policies.yaml\":\"access_policies: []\\n\"}");
            ps.setTimestamp(5, Timestamp.from(ACTIVATED));
            ps.setString(6, "alice");
            ps.setString(7, "[\"bob\",\"carol\"]");
            ps.setString(8, "req-1");
            ps.setString(9, "CHG-1");
            ps.setString(10, "");
            ps.executeUpdate();
        }
    }

    private static void assertUpgraded(JdbcRequestStore store) throws SQLException {
        JdbcPolicyRevisionStore revisions = JdbcPolicyRevisionStore.of(store);
        PolicyRevision kept = revisions.active().orElseThrow();
        assertThat(kept.number()).isEqualTo(1);
        assertThat(kept.activatedAt()).isEqualTo(ACTIVATED);
        assertThat(kept.approvers()).isEqualTo(List.of("bob", "carol"));
        assertThat(kept.policySet().files()).isEqualTo(Map.of("access-policies.yaml", "access_policies: []\n"));
        revisions.append(revision(2));
        assertThat(revisions.list()).extracting(PolicyRevision::number).containsExactly(2L, 1L);
        try (Connection c = store.dataSource().getConnection();
                ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            boolean oldHistory = false;
            while (tables.next()) {
                oldHistory |= tables.getString("TABLE_NAME").equalsIgnoreCase("maa_policy_schema_history");
            }
            assertThat(oldHistory)
                    .as("the old history table is gone: one history for the store")
                    .isFalse();
        }
    }
}
