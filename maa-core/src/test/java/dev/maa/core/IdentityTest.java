package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Factor;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.Review;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import dev.maa.core.internal.Quorum;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.store.StoreFixtures;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariant 2 across spellings: one person is one identity, however their id is written. */
class IdentityTest {

    private final TestClock clock = new TestClock();
    private final TestDirectory directory = Fixtures.directory();
    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final AtomicReference<Principal> caller = new AtomicReference<>();
    private final MaaEngine engine = Fixtures.engine(clock, directory)
            .store(store)
            .principalProvider(() -> Optional.ofNullable(caller.get()))
            .build();
    private final AppAdmin apps = engine.protect(AppAdmin.class, new RecordingAppAdmin());

    private String parkAs(String id) {
        caller.set(Principal.of(id));
        try (var why = Maa.justify("CHG-1 test")) {
            apps.deleteApp("app-1");
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
        throw new AssertionError("the call ran instead of being parked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "ALICE", " alice", "alice ", "ａｌｉｃｅ", "alıce"})
    void approve_byAliceOfARequestByAnotherSpellingOfAlice_isRefused(String spelling) {
        String id = parkAs(spelling);

        assertThat(engine.approvals().get(id).requester().id()).isEqualTo("alice");
        assertThatThrownBy(() -> engine.approvals().approve(id, ALICE, "ok"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("never review their own");
        assertThat(engine.approvals().get(id).reviews()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "ALICE", " alice", "alice ", "ａｌｉｃｅ", "alıce"})
    void approve_byAnotherSpellingOfTheRequester_isRefused(String spelling) {
        String id = parkAs("alice");

        assertThatThrownBy(() -> engine.approvals().approve(id, Principal.of(spelling), "ok"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("never review their own");
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ali\u200Bce", "alice\u200B", "аlice", "ali\u202Ece"})
    void protectedCall_byAnIdWithoutCanonicalForm_isRefused_andNothingIsParked(String spelling) {
        assertThatThrownBy(() -> parkAs(spelling))
                .isInstanceOf(InvalidIdentityException.class)
                .hasMessageContaining("is not accepted");
        assertThatThrownBy(() -> Maa.actingAs(Principal.of(spelling))).isInstanceOf(InvalidIdentityException.class);
        assertThat(store.list(RequestQuery.all())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ali\u200Bce", "alice\u200B", "аlice", "ali\u202Ece"})
    void approve_byAnIdWithoutCanonicalForm_isRefused(String spelling) {
        String id = parkAs("alice");

        assertThatThrownBy(() -> engine.approvals().approve(id, Principal.of(spelling), "ok"))
                .isInstanceOf(InvalidIdentityException.class);
        assertThat(engine.approvals().get(id).reviews()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", " alice ", "ali\u200Bce", "аlice", "ＡＬＩＣＥ"})
    void approve_byAliceOfAStoredRequestWrittenBeforeIdsWereChecked_isRefused(String storedRequester) {
        ApprovalRequest old =
                StoreFixtures.byRequester(StoreFixtures.request("old-1", "app-9", 0), storedRequester).toBuilder()
                        .factors(List.of(Factor.of("apps", 1, Fixtures.APP_APPROVERS)))
                        .createdAt(clock.instant())
                        .updatedAt(clock.instant())
                        .expiresAt(clock.instant().plus(Duration.ofDays(1)))
                        .build();
        store.insert(old, StoreFixtures.event("old-1", "SUBMITTED"));

        assertThatThrownBy(() -> engine.approvals().approve("old-1", ALICE, "ok"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("never review their own");
        assertThat(engine.approvals().get("old-1").isRequester("alice")).isTrue();
    }

    @Test
    void approve_twiceUnderTwoSpellings_countsOnce() {
        caller.set(Fixtures.DAVE);
        String id;
        try {
            apps.wipeDevice("device-1", "CHG-2 lost laptop", false);
            throw new AssertionError("the wipe ran instead of being parked");
        } catch (ApprovalRequiredException e) {
            id = e.requestId();
        }

        Factor two = Factor.of("two", 2, Fixtures.APP_APPROVERS);
        Review bob = new Review("bob", Set.of(Fixtures.APP_APPROVERS), Verdict.APPROVE, "", "d", clock.instant());
        Review bobAgain = new Review("BOB", Set.of("app-approvers"), Verdict.APPROVE, "", "d", clock.instant());
        assertThat(Quorum.approvals(two, List.of(bob, bobAgain))).isEqualTo(1);
        assertThat(Quorum.met(List.of(two), List.of(bob, bobAgain))).isFalse();
        assertThat(two.admits(Set.of(" APP-APPROVERS"))).isTrue();

        engine.approvals().approve(id, Fixtures.BOB, "ok");
        assertThatThrownBy(() -> engine.approvals().approve(id, Principal.of("Bob"), "again"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("already reviewed");
    }

    @Test
    void breakGlassPrincipals_compareCanonically_andRefuseIdsWithoutCanonicalForm() {
        BreakGlass bg = BreakGlass.of(Set.of("Emergency-Admin"), Set.of("Security-Team"));
        assertThat(bg.principals()).containsExactly("emergency-admin");
        assertThat(bg.isEmergencyPrincipal("EMERGENCY-ADMIN ")).isTrue();
        assertThat(bg.isReviewer(Set.of("security-team"))).isTrue();
        assertThatThrownBy(() -> BreakGlass.of(Set.of("emergency\u200B"), Set.of("Security-Team")))
                .hasMessageContaining("breakGlass")
                .hasMessageContaining("\\u200B");
    }
}
