package dev.maa.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Principal;
import dev.maa.core.testing.TestClock;
import dev.maa.server.SessionSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Idle timeout, absolute lifetime, background polls and sign-out of the console's server-side sessions. */
class ConsoleSessionsTest {

    private final TestClock clock = new TestClock();
    private final ConsoleSessions sessions =
            new ConsoleSessions(new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(2), false), clock);

    @Test
    void session_endsAfterTheIdleTimeout_unlessUsed() {
        var s = sessions.signIn(Principal.of("bob"), null);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(s.id())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(s.id())).as("used 29 minutes ago").isPresent();

        clock.advance(Duration.ofMinutes(30));

        assertThat(sessions.touch(s.id())).isEmpty();
    }

    @Test
    void backgroundPolls_doNotKeepASessionAlive() {
        var s = sessions.signIn(Principal.of("bob"), null);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(1));
            sessions.touch(s.id(), false);
        }
        clock.advance(Duration.ofMinutes(10));

        assertThat(sessions.touch(s.id(), false)).isEmpty();
    }

    @Test
    void session_endsAtItsLifetime_howeverActive() {
        var s = sessions.signIn(Principal.of("bob"), null);
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(17));
            assertThat(sessions.touch(s.id())).isPresent();
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(sessions.touch(s.id())).isEmpty();
        assertThat(s.expiresAt()).isEqualTo(Instant.parse("2026-01-05T11:00:00Z"));
    }

    @Test
    void signOut_endsTheSession_andIdsAreUnguessable() {
        var a = sessions.signIn(Principal.of("bob"), null);
        var b = sessions.signInWithDevToken("dev-token");

        sessions.end(a.id());

        assertThat(sessions.touch(a.id())).isEmpty();
        assertThat(sessions.touch(b.id())).isPresent();
        assertThat(a.id()).hasSize(43).isNotEqualTo(b.id());
        assertThat(a.csrfToken()).isNotEqualTo(a.id());
        assertThat(a.csrfMatches(a.csrfToken())).isTrue();
        assertThat(a.csrfMatches(b.csrfToken())).isFalse();
        assertThat(a.csrfMatches(null)).isFalse();
        assertThat(sessions.touch("")).isEmpty();
        assertThat(sessions.touch(null)).isEmpty();
    }
}
