package dev.maa.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.Factor;
import dev.maa.api.Protected;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

class MaaExtensionTest {

    /** The code under test. */
    public interface Apps {
        @Protected(resource = ResourceType.APP, action = Action.DELETE, objectId = "appId")
        void deleteApp(String appId);

        @Protected(resource = ResourceType.APP, action = Action.CREATE, objectId = "appId")
        void createApp(String appId);

        @Protected(resource = ResourceType.APP, action = Action.RETIRE, objectId = "appId")
        void retireApp(String appId);
    }

    static final class AppsImpl implements Apps {
        final List<String> ran = new CopyOnWriteArrayList<>();

        @Override
        public void deleteApp(String appId) {
            ran.add("deleted " + appId);
        }

        @Override
        public void createApp(String appId) {
            ran.add("created " + appId);
        }

        @Override
        public void retireApp(String appId) {
            ran.add("retired " + appId);
        }
    }

    @RegisterExtension
    static MaaExtension maa = MaaExtension.with(kit -> kit.policies(RuleBasedPolicyEngine.builder()
                    .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("App changes", 1, "approvers"))
                    .allow(ResourceType.APP, Set.of(Action.CREATE))
                    .ttl(Duration.ofHours(24))
                    .build())
            .user("alice", "admins")
            .user("bob", "approvers")
            .user("erin", "device managers"));

    private final AppsImpl impl = new AppsImpl();

    @Test
    void delete_parks_isApprovedByAnother_andRunsExactlyOnce(MaaTestKit kit) {
        Apps apps = kit.protect(Apps.class, impl);

        ParkedRequest r = kit.call(() -> apps.deleteApp("42"))
                .as("alice")
                .justifiedBy("CHG-1")
                .parks();

        assertThat(impl.ran).isEmpty();
        r.neverRan().hasStatus(Status.NEEDS_APPROVAL);
        r.approveAs("bob", "checked").hasStatus(Status.APPROVED);
        r.completeAs("alice").ranExactlyOnce();
        assertThat(impl.ran).containsExactly("deleted 42");
    }

    @Test
    void selfApproval_andNonMembers_areRefused(MaaTestKit kit) {
        Apps apps = kit.protect(Apps.class, impl);
        ParkedRequest r = kit.call(() -> apps.deleteApp("42")).as("alice").parks();

        r.approvalBy("alice").isRefused();
        r.approvalBy("erin").isRefused();
        r.hasStatus(Status.NEEDS_APPROVAL);
    }

    @Test
    void timeTravel_expiresTheRequest(MaaTestKit kit) {
        Apps apps = kit.protect(Apps.class, impl);
        ParkedRequest r = kit.call(() -> apps.deleteApp("42")).as("alice").parks();
        assertThat(r.expiresAt()).isEqualTo(TestClock.DEFAULT_START.plus(Duration.ofHours(24)));

        assertThat(kit.travel(Duration.ofHours(23))).isZero();
        assertThat(kit.travel(Duration.ofHours(2))).isEqualTo(1);

        r.hasStatus(Status.EXPIRED).neverRan();
    }

    @Test
    void allowedAndDeniedCalls(MaaTestKit kit) {
        Apps apps = kit.protect(Apps.class, impl);

        kit.call(() -> apps.createApp("7")).as("alice").runs();
        assertThat(kit.call(() -> apps.retireApp("7")).as("alice").isDenied().reasons())
                .isNotEmpty();
        assertThat(impl.ran).containsExactly("created 7");
    }

    @Test
    void assertions_fail_whenTheOutcomeDiffers(MaaTestKit kit) {
        Apps apps = kit.protect(Apps.class, impl);

        assertThatThrownBy(() -> kit.call(() -> apps.createApp("7")).as("alice").parks())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("Expected the call to be parked");
        ParkedRequest r = kit.call(() -> apps.deleteApp("9")).as("alice").parks();
        assertThatThrownBy(() -> r.approvalBy("bob").isRefused())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("was accepted");
        assertThatThrownBy(r::ranExactlyOnce).isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void eachTest_getsAFreshKit(MaaTestKit kit) {
        assertThat(kit.engine().approvals().list(dev.maa.api.RequestQuery.all()))
                .isEmpty();
        assertThat(kit.clock().instant()).isEqualTo(TestClock.DEFAULT_START);
    }
}
