package dev.maa.directory.ldap;

import static dev.maa.directory.ldap.LdapTestServer.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.DirectoryUnavailableException;
import dev.maa.api.Maa;
import dev.maa.api.MaaException;
import dev.maa.api.Principal;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reviews decided by the engine's {@link dev.maa.core.ApprovalService} against groups in a real LDAP server: app
 * deletion needs one App-Approver (the fixture policy), and App-Approvers holds bob three levels down.
 */
class LdapReviewTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    private final TestClock clock = new TestClock();
    private final AtomicReference<Principal> caller = new AtomicReference<>();
    private LdapTestServer ldap;
    private LdapDirectory directory;
    private MaaEngine engine;
    private AppAdmin apps;

    @BeforeEach
    void start() throws Exception {
        ldap = LdapTestServer.start();
        directory = LdapDirectory.open(settings(ldap.ldapsConfig("cache_ttl: 30s")), clock);
        engine = MaaEngine.builder()
                .policyEngine(Fixtures.policy())
                .directory(directory)
                .clock(clock)
                .nodeId("test-node")
                .allowPackages("dev.maa.core.testing.model")
                .store(new InMemoryRequestStore())
                .principalProvider(() -> Optional.ofNullable(caller.get()))
                .build();
        apps = engine.protect(AppAdmin.class, new RecordingAppAdmin());
    }

    @AfterEach
    void stop() {
        directory.close();
        ldap.close();
    }

    private String parkAs(String id) {
        caller.set(Principal.of(id));
        try (var why = Maa.justify("CHG-1 retire the app")) {
            apps.deleteApp("app-1");
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
        throw new AssertionError("the call ran instead of being parked");
    }

    @Test
    void approve_byAMemberThreeLevelsDown_isAccepted() {
        String id = parkAs("alice");

        assertThat(engine.approvals().approve(id, Principal.of("bob"), "ok").status())
                .isEqualTo(Status.APPROVED);
    }

    @Test
    void approve_byAUserInNoApproverGroup_isRefused() {
        String id = parkAs("alice");

        assertThatThrownBy(() -> engine.approvals().approve(id, Principal.of("mallory"), "ok"))
                .isInstanceOf(ReviewNotAllowedException.class);
    }

    @Test
    void approve_afterRemovalFromANestedGroup_isRefusedOnceTheTtlPassed() throws Exception {
        String id = parkAs("alice");
        assertThat(directory.find("bob").orElseThrow().isMemberOf("App-Approvers"))
                .isTrue();

        ldap.removeMember("Level-3", LdapTestServer.user("bob"));
        clock.advance(TTL.plusSeconds(1));

        assertThatThrownBy(() -> engine.approvals().approve(id, Principal.of("bob"), "ok"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("App-Approvers");
        assertThat(engine.approvals().get(id).reviews()).isEmpty();
    }

    @Test
    void approve_withinTheTtlOfARemoval_seesMembershipNoOlderThanTheTtl() throws Exception {
        String id = parkAs("alice");
        assertThat(directory.find("bob").orElseThrow().isMemberOf("App-Approvers"))
                .isTrue();

        ldap.removeMember("Level-3", LdapTestServer.user("bob"));
        clock.advance(TTL.minusSeconds(1));
        // the documented bound: the answer read a moment ago stands until it is TTL old
        assertThat(directory.findFresh("bob").orElseThrow().isMemberOf("App-Approvers"))
                .isTrue();
        clock.advance(Duration.ofSeconds(2));

        assertThat(directory.findFresh("bob").orElseThrow().isMemberOf("App-Approvers"))
                .isFalse();
        assertThatThrownBy(() -> engine.approvals().approve(id, Principal.of("bob"), "ok"))
                .isInstanceOf(ReviewNotAllowedException.class);
        assertThat(directory.reviewStaleness()).as("the bound maa whoami shows").isEqualTo(TTL);
    }

    @Test
    void approve_whenTheDirectoryIsDown_isRefusedWithAClearError_andNothingIsRecorded() {
        String id = parkAs("alice");
        ldap.close();
        clock.advance(TTL.plusSeconds(1));

        assertThatThrownBy(() -> engine.approvals().approve(id, Principal.of("bob"), "ok"))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("could not be asked about user 'bob'")
                .hasMessageContaining("fail closed")
                .satisfies(e -> assertThat(((MaaException) e).kind()).isEqualTo(MaaException.Kind.UNAVAILABLE));
        assertThat(engine.approvals().get(id).reviews()).isEmpty();
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(engine.approvals().allowedActions(engine.approvals().get(id), Principal.of("bob")))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "ALICE", " alice", "ａｌｉｃｅ", "alıce"})
    void approve_byTheRequesterUnderAnotherSpelling_isRefused(String spelling) {
        String id = parkAs("alice");

        assertThatThrownBy(() -> engine.approvals().approve(id, Principal.of(spelling), "ok"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("never review their own");
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BOB", "ｂｏｂ", " Bob "})
    void approve_byAnApproverUnderAnotherSpelling_countsAsThatApprover(String spelling) {
        String id = parkAs("alice");

        assertThat(engine.approvals().approve(id, Principal.of(spelling), "ok").reviews())
                .singleElement()
                .satisfies(r -> assertThat(r.reviewer()).isEqualTo("bob"));
    }
}
