package dev.maa.core.workflow;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.Factor;
import dev.maa.api.RequestQuery;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.ForwardingRequestStore;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the revalidation job reads: every open request once per revision, then only what was parked since. */
class RevalidationSweepTest {

    private final TestClock clock = new TestClock();
    private final AtomicInteger read = new AtomicInteger();
    private final ForwardingRequestStore store = new ForwardingRequestStore(new InMemoryRequestStore()) {
        @Override
        public List<ApprovalRequest> list(RequestQuery query) {
            List<ApprovalRequest> page = super.list(query);
            read.addAndGet(page.size());
            return page;
        }
    };

    private MaaEngine engine(Duration ttl) {
        return Fixtures.engine(clock, Fixtures.directory())
                .store(store)
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("apps", 1, APP_APPROVERS))
                        .ttl(ttl)
                        .build())
                .build();
    }

    @Test
    void laterRuns_underOneRevision_readOnlyAPageOfWhatIsNew_notEveryOpenRequest() {
        AppAdmin apps = engine(Duration.ofDays(2)).protect(AppAdmin.class, new RecordingAppAdmin());
        for (int i = 0; i < 250; i++) {
            int n = i;
            park(ALICE, () -> apps.deleteApp("app-" + n));
        }
        clock.advance(Duration.ofMinutes(10));
        MaaEngine sweeper = engine(Duration.ofDays(3)); // another revision, same factors: all carry on
        read.set(0);
        assertThat(sweeper.approvals().revalidateOpen()).isZero();
        assertThat(read.get())
                .as("the first run under a revision reads every open request")
                .isEqualTo(250);

        clock.advance(Duration.ofMinutes(10));
        read.set(0);
        assertThat(sweeper.approvals().revalidateOpen()).isZero();
        assertThat(read.get())
                .as("a later run reads one page and stops at the first older request")
                .isEqualTo(100);
    }

    /**
     * A request parked before factors named their own escalation groups (its body has them only in its reminders)
     * carries on under a new revision of the same policy: an upgrade alone voids nothing.
     */
    @Test
    void requestParkedBeforeFactorEscalationGroups_carriesOn_underANewRevisionOfTheSamePolicy() {
        MaaEngine parker = escalatingEngine(Duration.ofDays(2));
        AppAdmin apps = parker.protect(AppAdmin.class, new RecordingAppAdmin());
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        ApprovalRequest parked = store.find(id).orElseThrow();
        assertThat(parked.factors()).allMatch(f -> !f.escalationGroups().isEmpty());
        ApprovalRequest legacy = parked.toBuilder()
                .factors(parked.factors().stream()
                        .map(f -> f.escalatingTo(Set.of()))
                        .toList())
                .version(parked.version() + 1)
                .build();
        store.update(
                legacy,
                parked.status(),
                parked.version(),
                new AuditEvent(clock.instant(), id, "system", "REMINDED", "{}"));

        MaaEngine sweeper = escalatingEngine(Duration.ofDays(3)); // another revision, same factors
        assertThat(sweeper.approvals().revalidateOpen()).isZero();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    private MaaEngine escalatingEngine(Duration ttl) {
        return Fixtures.engine(clock, Fixtures.directory())
                .store(store)
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("apps", 1, APP_APPROVERS))
                        .escalateAfter(Duration.ofHours(12), "Security-Team")
                        .ttl(ttl)
                        .build())
                .build();
    }
}
