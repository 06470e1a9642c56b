package dev.maa.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.Factor;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CachingPolicyEngineTest {

    static final Principal ALICE = Principal.of("alice", "App-Admins");
    static final DecisionCacheSettings SETTINGS = DecisionCacheSettings.of(Duration.ofSeconds(5), 100);

    final AtomicLong nanos = new AtomicLong(1_000);
    final CountingEngine engine = new CountingEngine(in -> Decision.allow("ok"));
    final CachingPolicyEngine cache = CachingPolicyEngine.wrap(engine, SETTINGS, nanos::get);

    static PolicyInput input(Principal p, ResourceType type, String objectId, Action action, Platform platform) {
        return new PolicyInput(
                p,
                new ResourceRef(type, "", objectId, platform, Set.of()),
                action,
                new Operation("com.acme.Apps", "delete", List.of("java.lang.String")),
                "digest-" + objectId,
                "",
                false,
                false,
                Instant.parse("2026-01-05T09:00:00Z"));
    }

    static PolicyInput deleteApp(Principal p, String objectId) {
        return input(p, ResourceType.APP, objectId, Action.DELETE, Platform.UNSPECIFIED);
    }

    @Test
    void allowDecision_isReused_forSamePrincipalResourceAndAction() {
        cache.decide(deleteApp(ALICE, "app-1"));
        cache.decide(deleteApp(ALICE, "app-2"));

        assertThat(engine.calls.get()).isEqualTo(1);
        assertThat(cache.stats()).isEqualTo(new DecisionCacheStats(0, 1, 1, 0));
    }

    @Test
    void denyDecision_isCached() {
        CountingEngine denying = new CountingEngine(in -> Decision.deny("no"));
        CachingPolicyEngine c = CachingPolicyEngine.wrap(denying, SETTINGS, nanos::get);

        c.decide(deleteApp(ALICE, "a"));
        Decision second = c.decide(deleteApp(ALICE, "a"));

        assertThat(second.reasons()).containsExactly("no");
        assertThat(denying.calls.get()).isEqualTo(1);
    }

    @Test
    void requireApprovalDecision_isNeverCached() {
        CountingEngine approving = new CountingEngine(
                in -> Decision.requireApproval(List.of(Factor.of("p", 1, "Approvers")), null, null, false));
        CachingPolicyEngine c = CachingPolicyEngine.wrap(approving, SETTINGS, nanos::get);

        c.decide(deleteApp(ALICE, "a"));
        c.decide(deleteApp(ALICE, "a"));

        assertThat(approving.calls.get()).isEqualTo(2);
        assertThat(c.stats().misses()).isEqualTo(2);
    }

    @Test
    void differentGroupsOrPrincipal_missTheCache() {
        cache.decide(deleteApp(ALICE, "a"));
        cache.decide(deleteApp(Principal.of("alice", "App-Admins", "Helpdesk"), "a"));
        cache.decide(deleteApp(Principal.of("bob", "App-Admins"), "a"));

        assertThat(engine.calls.get()).isEqualTo(3);
    }

    @Test
    void differentActionPlatformOrResource_missTheCache() {
        cache.decide(input(ALICE, ResourceType.APP, "a", Action.DELETE, Platform.UNSPECIFIED));
        cache.decide(input(ALICE, ResourceType.APP, "a", Action.UPDATE, Platform.UNSPECIFIED));
        cache.decide(input(ALICE, ResourceType.APP, "a", Action.DELETE, Platform.WINDOWS));
        cache.decide(input(ALICE, ResourceType.SCRIPT, "a", Action.DELETE, Platform.UNSPECIFIED));

        assertThat(engine.calls.get()).isEqualTo(4);
    }

    @Test
    void policyRevisionChange_invalidatesTheCache() {
        cache.decide(deleteApp(ALICE, "a"));
        engine.revision = "r2";
        cache.decide(deleteApp(ALICE, "a"));
        cache.decide(deleteApp(ALICE, "a"));

        assertThat(engine.calls.get()).isEqualTo(2);
        assertThat(cache.stats().invalidations()).isEqualTo(1);
    }

    @Test
    void decisionOlderThanTtl_isDecidedAgain() {
        cache.decide(deleteApp(ALICE, "a"));
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        cache.decide(deleteApp(ALICE, "a"));
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.decide(deleteApp(ALICE, "a"));

        assertThat(engine.calls.get()).isEqualTo(2);
    }

    @Test
    void decisionStampedWithAnotherRevision_isNotKept() {
        CountingEngine racing = new CountingEngine(in -> Decision.allow().withPolicyRevision("r-new"));
        CachingPolicyEngine c = CachingPolicyEngine.wrap(racing, SETTINGS, nanos::get);

        c.decide(deleteApp(ALICE, "a"));
        c.decide(deleteApp(ALICE, "a"));

        assertThat(racing.calls.get()).isEqualTo(2);
    }

    @Test
    void wrap_ofACachingEngine_returnsItUnchanged() {
        assertThat(CachingPolicyEngine.wrap(cache, SETTINGS)).isSameAs(cache);
        assertThat(cache.revision()).isEqualTo("r1");
        assertThat(cache.delegate()).isSameAs(engine);
    }

    @Test
    void settings_refuseZeroTtlLongTtlAndEmptySize() {
        assertThatThrownBy(() -> DecisionCacheSettings.of(Duration.ZERO, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> DecisionCacheSettings.of(Duration.ofHours(1), 1))
                .hasMessageContaining("10 minutes");
        assertThatThrownBy(() -> DecisionCacheSettings.of(Duration.ofSeconds(1), 0))
                .hasMessageContaining("at least 1");
    }

    /** Counts decisions; the revision can be changed to simulate a policy push. */
    static final class CountingEngine implements PolicyEngine {
        final AtomicInteger calls = new AtomicInteger();
        final Function<PolicyInput, Decision> rule;
        volatile String revision = "r1";

        CountingEngine(Function<PolicyInput, Decision> rule) {
            this.rule = rule;
        }

        @Override
        public Decision decide(PolicyInput input) {
            calls.incrementAndGet();
            return rule.apply(input);
        }

        @Override
        public String revision() {
            return revision;
        }
    }
}
