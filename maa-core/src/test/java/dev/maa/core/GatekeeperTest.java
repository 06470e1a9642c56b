package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Decision;
import dev.maa.api.Factor;
import dev.maa.api.JustificationRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Platform;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.api.Protected;
import dev.maa.api.RequestQuery;
import dev.maa.api.ResourceType;
import dev.maa.api.UnsupportedArgumentException;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import dev.maa.core.testing.model.App;
import java.io.File;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatekeeperTest {

    private final TestClock clock = new TestClock();
    private final TestDirectory directory = Fixtures.directory();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private MaaEngine engine;
    private AppAdmin apps;

    @BeforeEach
    void setUp() {
        engine = Fixtures.engine(clock, directory).build();
        apps = engine.protect(AppAdmin.class, target);
    }

    @AfterEach
    void tearDown() {
        engine.uninstallGlobal();
    }

    @Test
    void allowedCall_runs_withItsResourceReadFromTheArguments() {
        AtomicReference<PolicyInput> seen = new AtomicReference<>();
        PolicyEngine spy = recording(Fixtures.policy(), seen);
        AppAdmin a = Fixtures.engine(clock, directory).policyEngine(spy).build().protect(AppAdmin.class, target);

        try (var who = Maa.actingAs(ALICE)) {
            assertThat(a.createApp(new App("app-7", "Notes", Platform.WINDOWS, List.of())))
                    .isEqualTo("created app-7");
        }
        assertThat(target.calls()).containsExactly("createApp(app-7)");
        assertThat(seen.get().resource().objectId()).isEqualTo("app-7");
        assertThat(seen.get().resource().platform()).isEqualTo(Platform.WINDOWS);
        assertThat(seen.get().principal().groups())
                .as("groups come from the directory")
                .contains(Fixtures.CAB);
        assertThat(seen.get().digest()).hasSize(64);
    }

    @Test
    void unprotectedMethod_passesUntouched_evenWithoutPrincipal() {
        assertThat(apps.countApps()).isZero();
    }

    @Test
    void deniedCall_isNotExecuted_andIsAuditedWithItsReasons() {
        try (var who = Maa.actingAs(ALICE)) {
            assertThatThrownBy(() -> apps.deleteRole("role-1"))
                    .isInstanceOfSatisfying(
                            AccessDeniedException.class,
                            e -> assertThat(e.reasons()).containsExactly("roles are never deleted from code"))
                    .hasMessageContaining("alice may not DELETE ROLE 'role-1'");
        }
        assertThat(target.calls()).isEmpty();
        assertThat(engine.approvals().auditLog().read(0, 10))
                .singleElement()
                .satisfies(e -> assertThat(e.event().type()).isEqualTo("CALL_DENIED"));
    }

    @Test
    void noPrincipal_failsClosed_sayingHowToSetOne() {
        assertThatThrownBy(() -> apps.deleteApp("app-1"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("Maa.actingAs")
                .hasMessageContaining("principalProvider");
        try (var why = Maa.justify("CHG-1")) {
            assertThatThrownBy(() -> apps.createApp(new App("a", "n", Platform.IOS, List.of())))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(target.calls()).isEmpty();
        assertThat(engine.approvals().list(RequestQuery.all())).isEmpty();
    }

    @Test
    void policyEngineThrowing_failsClosed_andTheMethodDoesNotRun() {
        PolicyEngine broken = new PolicyEngine() {
            @Override
            public Decision decide(PolicyInput input) {
                throw new IllegalStateException("OPA unreachable");
            }

            @Override
            public String revision() {
                return "broken";
            }
        };
        AppAdmin a =
                Fixtures.engine(clock, directory).policyEngine(broken).build().protect(AppAdmin.class, target);

        try (var who = Maa.actingAs(ALICE)) {
            assertThatThrownBy(() -> a.createApp(new App("a", "n", Platform.IOS, List.of())))
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageContaining("OPA unreachable")
                    .hasMessageContaining("fail closed");
        }
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void policyEngineReturningNothing_failsClosed() {
        PolicyEngine silent = new PolicyEngine() {
            @Override
            public Decision decide(PolicyInput input) {
                return null;
            }

            @Override
            public String revision() {
                return "silent";
            }
        };
        AppAdmin a =
                Fixtures.engine(clock, directory).policyEngine(silent).build().protect(AppAdmin.class, target);
        try (var who = Maa.actingAs(ALICE)) {
            assertThatThrownBy(() -> a.deleteApp("x")).isInstanceOf(PolicyUnavailableException.class);
        }
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void parkedCall_throwsApprovalRequired_withGroupsCountAndHowToFollow() {
        try (var who = Maa.actingAs(ALICE)) {
            assertThatThrownBy(() -> apps.wipeDevice("dev-1", "lost laptop", false))
                    .isInstanceOfSatisfying(ApprovalRequiredException.class, e -> {
                        assertThat(e.approverGroups()).containsExactly(Fixtures.DEVICE_MANAGERS);
                        assertThat(e.requiredApprovals()).isEqualTo(2);
                        assertThat(e.getMessage()).contains(e.requestId()).doesNotContain("`maa ");
                        ApprovalRequest r = engine.approvals().get(e.requestId());
                        assertThat(r.justification())
                                .as("the @Justification parameter")
                                .isEqualTo("lost laptop");
                    });
        }
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void justificationRequiredByPolicy_butMissing_isRefusedBeforeParking() {
        RuleBasedPolicyEngine strict = RuleBasedPolicyEngine.builder()
                .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("p", 1, Fixtures.APP_APPROVERS))
                .justificationRequired(true)
                .build();
        MaaEngine e = Fixtures.engine(clock, directory).policyEngine(strict).build();
        AppAdmin a = e.protect(AppAdmin.class, target);

        try (var who = Maa.actingAs(ALICE)) {
            assertThatThrownBy(() -> a.deleteApp("app-1"))
                    .isInstanceOf(JustificationRequiredException.class)
                    .hasMessageContaining("Maa.justify");
            try (var why = Maa.justify("CHG-9")) {
                assertThatThrownBy(() -> a.deleteApp("app-1")).isInstanceOf(ApprovalRequiredException.class);
            }
        }
        assertThat(e.approvals().list(RequestQuery.all())).hasSize(1);
    }

    /** A service whose arguments the codec must refuse. */
    public interface Uploads {
        @Protected(resource = ResourceType.APP, action = Action.DELETE)
        void deleteWithFile(String appId, File evidence);

        @Protected(resource = ResourceType.APP, action = Action.DELETE)
        void deleteWithSecret(String appId, Secret secret);
    }

    /** Not in an allowed package. */
    public record Secret(String value) {}

    @Test
    void unsupportedArgument_failsAtParkTime_namingParameterTypeAndSetting_andNothingIsStored() {
        Uploads u = engine.protect(Uploads.class, new Uploads() {
            @Override
            public void deleteWithFile(String appId, File evidence) {}

            @Override
            public void deleteWithSecret(String appId, Secret secret) {}
        });
        try (var who = Maa.actingAs(ALICE)) {
            assertThatThrownBy(() -> u.deleteWithFile("app-1", new File("/tmp/x")))
                    .isInstanceOf(UnsupportedArgumentException.class)
                    .hasMessageContaining("'evidence'")
                    .hasMessageContaining("java.io.File");
            assertThatThrownBy(() -> u.deleteWithSecret("app-1", new Secret("s")))
                    .isInstanceOf(UnsupportedArgumentException.class)
                    .hasMessageContaining("'secret'")
                    .hasMessageContaining(Secret.class.getName())
                    .hasMessageContaining("MaaEngine.builder().allowPackages(\"dev.maa.core\")");
        }
        assertThat(engine.approvals().list(RequestQuery.all())).isEmpty();
    }

    @Test
    void bigDecimalAndRecordArguments_areParkedAndReplayedExactly() {
        RuleBasedPolicyEngine p = RuleBasedPolicyEngine.builder()
                .requireApproval(ResourceType.APP, Set.of(Action.UPDATE), Factor.of("p", 1, Fixtures.APP_APPROVERS))
                .build();
        MaaEngine e = Fixtures.engine(clock, directory).policyEngine(p).build();
        AppAdmin a = e.protect(AppAdmin.class, target);
        String id = dev.maa.core.testing.Parking.park(
                ALICE,
                () -> a.updateApp(
                        new App("app-1", "Notes", Platform.MACOS, List.of("x", "y")), new BigDecimal("10.50")));

        assertThat(e.approvals().get(id).payload()).contains("10.50").contains("\"platform\":\"MACOS\"");
        e.approvals().approve(id, BOB, "ok");
        assertThat(e.approvals().complete(id, ALICE).outcome()).isEqualTo("returned updated app-1");
        assertThat(target.calls()).containsExactly("updateApp(app-1,10.50)");
    }

    @Test
    void global_withoutAnInstalledEngine_failsClosedWithAClearMessage() {
        assertThatThrownBy(Gatekeeper::global)
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("installGlobal");
        engine.installGlobal();
        assertThat(Gatekeeper.global()).isSameAs(engine.gatekeeper());
        engine.uninstallGlobal();
        assertThatThrownBy(Gatekeeper::global).isInstanceOf(MaaConfigurationException.class);
    }

    @Test
    void installGlobal_whileAnotherEngineIsInstalled_isRefused_andKeepsTheFirst() {
        MaaEngine other = Fixtures.engine(clock, directory).build();
        engine.installGlobal();

        assertThatThrownBy(other::installGlobal)
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("already installed")
                .hasMessageContaining("uninstallGlobal");
        assertThat(Gatekeeper.global()).isSameAs(engine.gatekeeper());
        other.uninstallGlobal();
        assertThat(Gatekeeper.global()).isSameAs(engine.gatekeeper());
        engine.installGlobal();
        assertThat(Gatekeeper.global()).isSameAs(engine.gatekeeper());
    }

    private static PolicyEngine recording(PolicyEngine delegate, AtomicReference<PolicyInput> seen) {
        return new PolicyEngine() {
            @Override
            public Decision decide(PolicyInput input) {
                seen.set(input);
                return delegate.decide(input);
            }

            @Override
            public String revision() {
                return delegate.revision();
            }
        };
    }
}
