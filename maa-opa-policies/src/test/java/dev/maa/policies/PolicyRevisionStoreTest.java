package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of a revision store, on the in-memory one; maa-store-jdbc's {@code JdbcPolicyRevisionStoreTest}
 * holds its database one to the same cases.
 */
class PolicyRevisionStoreTest {

    static Stream<PolicyRevisionStore> stores() {
        return Stream.of(new InMemoryPolicyRevisionStore());
    }

    private static PolicyRevision revision(long n, String content) {
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

    @ParameterizedTest
    @MethodSource("stores")
    void append_keepsEveryRevision_andNewestIsActive(PolicyRevisionStore store) {
        assertThat(store.active()).isEmpty();
        store.append(revision(1, "access_policies: []\n"));
        store.append(revision(2, "access_policies: []\ndefault_effect: allow\n"));
        assertThat(store.active()).get().extracting(PolicyRevision::number).isEqualTo(2L);
        assertThat(store.list()).extracting(PolicyRevision::number).containsExactly(2L, 1L);
        PolicyRevision back = store.get(2).orElseThrow();
        assertThat(back).isEqualTo(revision(2, "access_policies: []\ndefault_effect: allow\n"));
        assertThat(back.policySet().digest())
                .isEqualTo(revision(2, "access_policies: []\ndefault_effect: allow\n")
                        .policySet()
                        .digest());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void append_withTakenOrSkippedNumber_isAConflict(PolicyRevisionStore store) {
        store.append(revision(1, "a"));
        assertThatThrownBy(() -> store.append(revision(1, "b")))
                .isInstanceOf(PolicyRevisionConflictException.class)
                .hasMessageContaining("maa policy list");
        assertThatThrownBy(() -> store.append(revision(3, "c"))).isInstanceOf(PolicyRevisionConflictException.class);
        assertThat(store.list()).hasSize(1);
    }
}
