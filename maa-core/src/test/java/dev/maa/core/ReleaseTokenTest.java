package dev.maa.core;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;
import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.MaaException;
import dev.maa.api.Protected;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.Status;
import dev.maa.core.internal.ReleaseTokens;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.TestClock;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The release token, with a class woven the way the agent weaves: the method body first asks the global
 * gatekeeper, so the replay of an approved call passes through the gatekeeper again.
 */
class ReleaseTokenTest {

    /** What the Byte Buddy advice / AspectJ aspect turn a protected method into. */
    public static class WovenApps {
        static final Method DELETE_APP;

        static {
            try {
                DELETE_APP = WovenApps.class.getMethod("deleteApp", String.class);
            } catch (NoSuchMethodException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final List<String> ran = new CopyOnWriteArrayList<>();
        volatile Consumer<String> duringCall = id -> {};

        @Protected(resource = APP, action = DELETE)
        public void deleteApp(String appId) {
            Gatekeeper.global().check(DELETE_APP, this, new Object[] {appId});
            ran.add(appId);
            duringCall.accept(appId);
        }
    }

    private final TestClock clock = new TestClock();
    private MaaEngine engine;
    private final WovenApps woven = new WovenApps();

    @BeforeEach
    void setUp() {
        engine = Fixtures.engine(clock, Fixtures.directory()).build().installGlobal();
        engine.registerTarget(woven);
    }

    @AfterEach
    void tearDown() {
        engine.uninstallGlobal();
    }

    private String approved(String appId) {
        String id = park(ALICE, () -> woven.deleteApp(appId));
        engine.approvals().approve(id, BOB, "ok");
        return id;
    }

    @Test
    void replayOfTheApprovedCall_passesTheGatekeeperOnce() {
        String id = approved("app-1");
        assertThat(woven.ran).isEmpty();

        ApprovalRequest done = engine.approvals().complete(id, ALICE);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(woven.ran).containsExactly("app-1");
    }

    @Test
    void aSecondCallDuringTheReplay_sameArgs_sameThread_isNotReleased() {
        String id = approved("app-1");
        List<Throwable> nested = new CopyOnWriteArrayList<>();
        woven.duringCall = appId -> {
            woven.duringCall = x -> {};
            try (var who = Maa.actingAs(ALICE)) {
                woven.deleteApp("app-1");
            } catch (MaaException e) {
                nested.add(e);
            }
        };

        engine.approvals().complete(id, ALICE);

        assertThat(woven.ran).containsExactly("app-1");
        assertThat(nested).singleElement().isInstanceOf(RequestAlreadyPendingException.class);
    }

    @Test
    void theSameCallFromAnotherThreadDuringTheReplay_isNotReleased() throws Exception {
        String id = approved("app-1");
        List<Throwable> other = new CopyOnWriteArrayList<>();
        woven.duringCall = appId -> {
            woven.duringCall = x -> {};
            CompletableFuture.runAsync(() -> {
                        try (var who = Maa.actingAs(ALICE)) {
                            woven.deleteApp("app-1");
                        } catch (MaaException e) {
                            other.add(e);
                        }
                    })
                    .join();
        };

        engine.approvals().complete(id, ALICE);

        assertThat(woven.ran).containsExactly("app-1");
        assertThat(other).singleElement().isInstanceOf(RequestAlreadyPendingException.class);
    }

    @Test
    void aToken_releasesOnlyTheExactArguments_once() {
        String id = approved("app-1");
        ApprovalRequest r = engine.approvals().get(id);

        try (var who = Maa.actingAs(ALICE);
                var token = ReleaseTokens.open(id, r.operation().signature(), r.digest())) {
            assertThatThrownBy(() -> woven.deleteApp("app-2"))
                    .as("other arguments")
                    .isInstanceOf(ApprovalRequiredException.class);
            woven.deleteApp("app-1");
            assertThatThrownBy(() -> woven.deleteApp("app-1"))
                    .as("a second time")
                    .isInstanceOf(RequestAlreadyPendingException.class);
        }
        assertThat(woven.ran).containsExactly("app-1");
    }

    @Test
    void aToken_isBoundToItsThread() throws Exception {
        String id = approved("app-1");
        ApprovalRequest r = engine.approvals().get(id);

        try (var token = ReleaseTokens.open(id, r.operation().signature(), r.digest())) {
            Throwable t = CompletableFuture.supplyAsync(() -> {
                        try (var who = Maa.actingAs(ALICE)) {
                            woven.deleteApp("app-1");
                            return null;
                        } catch (MaaException e) {
                            return (Throwable) e;
                        }
                    })
                    .get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(RequestAlreadyPendingException.class);
        }
        assertThat(woven.ran).isEmpty();
    }

    @Test
    void withoutAToken_theWovenMethodIsParked_notRun() {
        park(ALICE, () -> woven.deleteApp("app-3"));
        assertThat(woven.ran).isEmpty();
    }
}
