package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.CAROL;
import static dev.maa.core.testing.Fixtures.DAVE;
import static dev.maa.core.testing.Fixtures.EMERGENCY;
import static dev.maa.core.testing.Fixtures.MALLORY;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Maa;
import dev.maa.api.MaaException;
import dev.maa.api.Principal;
import dev.maa.api.Status;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ApprovalService#allowedActions} against the transitions themselves: for every request state, principal
 * and action, the action is offered exactly when performing it (on a fresh copy of the same state) succeeds.
 */
class AllowedActionsTest {

    /** A fresh engine with one request in some state; {@code id} is that request. */
    private record World(MaaEngine engine, TestClock clock, String id) {}

    private static World world(Function<Setup, String> state) {
        TestClock clock = new TestClock();
        TestDirectory directory = Fixtures.directory();
        MaaEngine engine = Fixtures.engine(clock, directory).build();
        AppAdmin apps = engine.protect(AppAdmin.class, new RecordingAppAdmin());
        return new World(engine, clock, state.apply(new Setup(engine.approvals(), apps, clock)));
    }

    private record Setup(ApprovalService approvals, AppAdmin apps, TestClock clock) {}

    private static final Map<String, Function<Setup, String>> STATES = Map.of(
            "needs approval", s -> park(ALICE, () -> s.apps().deleteApp("app-1")),
            "one of two approvals",
                    s -> {
                        String id = park(ALICE, () -> s.apps().wipeDevice("dev-1", "lost laptop", false));
                        s.approvals().approve(id, BOB, "confirmed");
                        return id;
                    },
            "approved",
                    s -> {
                        String id = park(ALICE, () -> s.apps().deleteApp("app-1"));
                        s.approvals().approve(id, BOB, "ok");
                        return id;
                    },
            "rejected",
                    s -> {
                        String id = park(ALICE, () -> s.apps().deleteApp("app-1"));
                        s.approvals().reject(id, BOB, "no");
                        return id;
                    },
            "past its expiry",
                    s -> {
                        String id = park(ALICE, () -> s.apps().deleteApp("app-1"));
                        s.clock().advance(Duration.ofHours(25));
                        return id;
                    },
            "approved, past its expiry",
                    s -> {
                        String id = park(ALICE, () -> s.apps().deleteApp("app-1"));
                        s.approvals().approve(id, BOB, "ok");
                        s.clock().advance(Duration.ofHours(25));
                        return id;
                    },
            "break-glass, review open",
                    s -> {
                        try (var who = Maa.actingAs(EMERGENCY);
                                var glass = Maa.emergency("INC-78 malicious app")) {
                            s.apps().deleteApp("app-1");
                        }
                        return s.approvals().postReviewQueue().get(0).id();
                    });

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String state : STATES.keySet()) {
            for (Principal p : List.of(ALICE, BOB, CAROL, DAVE, MALLORY, EMERGENCY, Principal.of("ALICE"))) {
                for (RequestAction action : RequestAction.values()) {
                    out.add(Arguments.of(state, p, action));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("cases")
    void allowedActions_offerExactlyWhatTheTransitionAccepts(String state, Principal p, RequestAction action) {
        World w = world(STATES.get(state));
        ApprovalService approvals = w.engine().approvals();
        boolean offered = approvals.allowedActions(approvals.get(w.id()), p).contains(action);

        boolean accepted;
        try {
            approvals.act(w.id(), p, action, fields(action));
            accepted = true;
        } catch (MaaException refused) {
            accepted = false;
        }

        assertThat(offered)
                .as("%s offered to %s on a request %s", action, p.id(), state)
                .isEqualTo(accepted);
    }

    private static Map<String, String> fields(RequestAction action) {
        return switch (action) {
            case CANCEL -> Map.of("reason", "not needed");
            case COMPLETE -> Map.of();
            default -> Map.of("notes", "checked");
        };
    }

    @Test
    void allowedActions_ofTheRequester_neverIncludeReviewing_whateverTheirGroups() {
        World w = world(STATES.get("needs approval"));

        assertThat(w.engine().approvals().allowedActions(w.engine().approvals().get(w.id()), Principal.of("Ａｌｉｃｅ")))
                .containsExactly(RequestAction.CANCEL);
    }

    @Test
    void act_withAFieldTheActionDoesNotTake_isRefusedNamingIt_andRecordsNothing() {
        World w = world(STATES.get("needs approval"));

        assertThatThrownBy(() -> w.engine().approvals().act(w.id(), BOB, RequestAction.REJECT, Map.of("reason", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'reason'")
                .hasMessageContaining("[notes, signature]");
        assertThat(w.engine().approvals().get(w.id()).reviews()).isEmpty();
    }

    @Test
    void act_approveWithADigestOtherThanTheRequests_isRefused() {
        World w = world(STATES.get("needs approval"));

        assertThatThrownBy(() -> w.engine()
                        .approvals()
                        .act(w.id(), BOB, RequestAction.APPROVE, Map.of("digest", "sha256:" + "0".repeat(64))))
                .isInstanceOf(dev.maa.api.PayloadIntegrityException.class);
        ApprovalRequest r = w.engine()
                .approvals()
                .act(
                        w.id(),
                        BOB,
                        RequestAction.APPROVE,
                        Map.of("digest", w.engine().approvals().get(w.id()).digest()));
        assertThat(r.status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void wireNames_roundTrip_andAnUnknownOneNamesTheKnownOnes() {
        for (RequestAction a : RequestAction.values()) {
            assertThat(RequestAction.fromWire(a.wireName())).isEqualTo(a);
        }
        assertThatThrownBy(() -> RequestAction.fromWire("approve-all"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("close-review");
    }

    @Test
    void quorumProgress_oneApproverInTheGroupsOfBothFactors_meetsBoth() {
        TestClock clock = new TestClock();
        TestDirectory directory = Fixtures.directory().user("erin", Fixtures.SECURITY_ADMINS, Fixtures.CAB);
        MaaEngine engine = Fixtures.engine(clock, directory).build();
        AppAdmin apps = engine.protect(AppAdmin.class, new RecordingAppAdmin());
        String id = park(ALICE, () -> apps.deployScript("script-1"));
        assertThat(QuorumProgress.of(engine.approvals().get(id)).met()).isFalse();

        ApprovalRequest after = engine.approvals().approve(id, Principal.of("erin"), "both");

        QuorumProgress progress = QuorumProgress.of(after);
        assertThat(after.status()).isEqualTo(Status.APPROVED);
        assertThat(progress.met()).isTrue();
        assertThat(progress.given()).isEqualTo(progress.required()).isEqualTo(2);
        assertThat(progress.factors())
                .extracting(QuorumProgress.FactorProgress::met)
                .containsExactly(true, true);
        assertThat(progress).hasToString("scripts 1/1, cab 1/1");
    }

    @Test
    void quorumProgress_secondApprovalOfAMetFactor_countsOnceTowardsTheTotal() {
        QuorumProgress p = new QuorumProgress(
                List.of(new QuorumProgress.FactorProgress("a", 3, 1), new QuorumProgress.FactorProgress("b", 0, 1)));

        assertThat(p.met()).isFalse();
        assertThat(p.given()).isEqualTo(1);
        assertThat(p.required()).isEqualTo(2);
        assertThat(Set.copyOf(p.factors())).hasSize(2);
    }
}
