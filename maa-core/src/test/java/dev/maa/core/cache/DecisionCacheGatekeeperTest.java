package dev.maa.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Platform;
import dev.maa.api.Principal;
import dev.maa.core.MaaEngine;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.model.App;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache as the gatekeeper uses it: fast path for repeated allows, never for deny or require-approval. */
class DecisionCacheGatekeeperTest {

    final AtomicLong nanos = new AtomicLong();
    final CachingPolicyEngineTest.CountingEngine policy = new CachingPolicyEngineTest.CountingEngine(
            in -> Fixtures.policy().decide(in).withPolicyRevision(""));
    final CachingPolicyEngine cache =
            CachingPolicyEngine.wrap(policy, DecisionCacheSettings.of(Duration.ofSeconds(5), 100), nanos::get);
    final MaaEngine engine = Fixtures.engine(new TestClock(), Fixtures.directory())
            .policyEngine(cache)
            .build();
    final RecordingAppAdmin target = new RecordingAppAdmin();
    final AppAdmin apps = engine.protect(AppAdmin.class, target);

    static final App APP = new App("app-1", "Notes", Platform.WINDOWS, List.of());

    @Test
    void repeatedAllowedCall_isAdmittedByTheFastPath() {
        try (var who = Maa.actingAs(Fixtures.ALICE)) {
            for (int i = 0; i < 5; i++) {
                apps.updateApp(APP, BigDecimal.ONE);
            }
        }

        assertThat(target.calls()).hasSize(5);
        assertThat(policy.calls.get()).isEqualTo(1);
        assertThat(cache.stats().fastPathHits()).isEqualTo(4);
    }

    @Test
    void fastPathEntry_isPerPrincipal_andExpiresWithTheTtl() {
        try (var who = Maa.actingAs(Fixtures.ALICE)) {
            apps.updateApp(APP, BigDecimal.ONE);
        }
        try (var who = Maa.actingAs(Fixtures.BOB)) {
            apps.updateApp(APP, BigDecimal.ONE);
        }
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        try (var who = Maa.actingAs(Fixtures.ALICE)) {
            apps.updateApp(APP, BigDecimal.ONE);
        }

        assertThat(policy.calls.get()).isEqualTo(3);
        assertThat(cache.stats().fastPathHits()).isZero();
    }

    @Test
    void revisionChange_endsFastPathAdmission() {
        try (var who = Maa.actingAs(Fixtures.ALICE)) {
            apps.updateApp(APP, BigDecimal.ONE);
            policy.revision = "r2";
            apps.updateApp(APP, BigDecimal.ONE);
        }

        assertThat(policy.calls.get()).isEqualTo(2);
        assertThat(cache.stats().fastPathHits()).isZero();
    }

    @Test
    void methodWithPlatformFromArguments_neverTakesTheFastPath_butReusesTheDecision() {
        try (var who = Maa.actingAs(Fixtures.ALICE)) {
            apps.createApp(APP);
            apps.createApp(APP);
        }

        assertThat(cache.stats().fastPathHits()).isZero();
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(policy.calls.get()).isEqualTo(1);
    }

    @Test
    void requireApprovalDecision_parksEveryCall() {
        try (var who = Maa.actingAs(Fixtures.ALICE)) {
            assertThatThrownBy(() -> apps.deleteApp("app-1")).isInstanceOf(ApprovalRequiredException.class);
            assertThatThrownBy(() -> apps.deleteApp("app-2")).isInstanceOf(ApprovalRequiredException.class);
        }

        assertThat(target.calls()).isEmpty();
        assertThat(policy.calls.get()).isEqualTo(2);
    }

    @Test
    void cachedDeny_stillRefusesEveryCall() {
        Principal alice = Fixtures.ALICE;
        try (var who = Maa.actingAs(alice)) {
            assertThatThrownBy(() -> apps.deleteRole("r1")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> apps.deleteRole("r1")).isInstanceOf(AccessDeniedException.class);
        }

        assertThat(target.calls()).isEmpty();
        assertThat(policy.calls.get()).isEqualTo(1);
        assertThat(cache.stats().fastPathHits()).isZero();
    }
}
