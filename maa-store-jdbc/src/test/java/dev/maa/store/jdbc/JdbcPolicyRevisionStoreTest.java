package dev.maa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.policies.PolicyRevision;
import dev.maa.policies.PolicyRevisionConflictException;
import dev.maa.policies.PolicySet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy revisions in the store's database: the revision store contract (as maa-opa-policies'
 * {@code PolicyRevisionStoreTest}) on the H2 file and PostgreSQL, and the store's durability rule.
 */
class JdbcPolicyRevisionStoreTest {

    @TempDir
    Path dir;

    static PolicyRevision revision(long n, String content) {
        PolicySet set = PolicySet.of(Map.of("access-policies.yaml", content));
        return new PolicyRevision(
                n,
                set,
                "rev-" + n,
                Instant.parse("2026-11-23T10:00:00Z").plusSeconds(n),
                "alice",
                List.of("bob", "carol"),
                "req-" + n,
                "CHG-" + n,
                n == 2 ? "Forced despite 1 failing test(s): hotfix" : "");
    }

    @Test
    void append_onTheH2File_keepsEveryRevision_andWaitsForTheDisk() {
        try (JdbcRequestStore store = JdbcStores.h2File(dir.resolve("maa"))) {
            JdbcPolicyRevisionStore revisions = JdbcPolicyRevisionStore.of(store);
            long flushes = store.db().flushes();
            appendTwo_newestIsActive(revisions);
            assertThat(store.db().flushes())
                    .as("each acknowledged revision waited for a group flush")
                    .isGreaterThanOrEqualTo(flushes + 2);
        }
        try (JdbcRequestStore reopened = JdbcStores.h2File(dir.resolve("maa"))) {
            assertThat(JdbcPolicyRevisionStore.of(reopened).list())
                    .extracting(PolicyRevision::number)
                    .containsExactly(2L, 1L);
        }
    }

    @Test
    void append_onPostgres_keepsEveryRevision_andRefusesATakenOrSkippedNumber() {
        try (JdbcRequestStore store = JdbcStores.fromUrl(EmbeddedPostgresSupport.newDatabase("revisions"))) {
            JdbcPolicyRevisionStore revisions = JdbcPolicyRevisionStore.of(store);
            appendTwo_newestIsActive(revisions);
            assertThatThrownBy(() -> revisions.append(revision(2, "b")))
                    .isInstanceOf(PolicyRevisionConflictException.class)
                    .hasMessageContaining("maa policy list");
            assertThatThrownBy(() -> revisions.append(revision(4, "c")))
                    .isInstanceOf(PolicyRevisionConflictException.class);
            assertThat(revisions.list()).hasSize(2);
        }
    }

    @Test
    void append_withATakenNumber_onTheH2File_isAConflict() {
        try (JdbcRequestStore store = JdbcStores.h2File(dir.resolve("maa"))) {
            JdbcPolicyRevisionStore revisions = JdbcPolicyRevisionStore.of(store);
            revisions.append(revision(1, "a"));
            assertThatThrownBy(() -> revisions.append(revision(1, "b")))
                    .isInstanceOf(PolicyRevisionConflictException.class);
            assertThat(revisions.get(1)).get().isEqualTo(revision(1, "a"));
        }
    }

    private static void appendTwo_newestIsActive(JdbcPolicyRevisionStore revisions) {
        assertThat(revisions.active()).isEmpty();
        revisions.append(revision(1, "access_policies: []\n"));
        revisions.append(revision(2, "access_policies: []\ndefault_effect: allow\n"));
        assertThat(revisions.active()).get().extracting(PolicyRevision::number).isEqualTo(2L);
        assertThat(revisions.list()).extracting(PolicyRevision::number).containsExactly(2L, 1L);
        assertThat(revisions.get(2)).get().isEqualTo(revision(2, "access_policies: []\ndefault_effect: allow\n"));
        assertThat(revisions.get(3)).isEmpty();
    }
}
