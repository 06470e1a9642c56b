package dev.maa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A node compares its clock with the database's and says so when they drift apart beyond the bound. */
class ClockSkewTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void checkClock_onANodeWhoseClockRunsAhead_reportsTheSkewBeyondTheBound(String kind) {
        try (JdbcRequestStore store = kind.equals("h2")
                ? JdbcStores.h2File(dir.resolve("maa"))
                : JdbcStores.fromUrl(EmbeddedPostgresSupport.newDatabase("clock"))) {
            Duration bound = Duration.ofSeconds(2);
            ClockSkew inSync = store.checkClock(Clock.systemUTC(), bound);
            assertThat(inSync.beyondBound()).as(inSync.describe()).isFalse();

            ClockSkew ahead = store.checkClock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30)), bound);

            assertThat(ahead.beyondBound()).isTrue();
            assertThat(ahead.skew()).isBetween(Duration.ofSeconds(-32), Duration.ofSeconds(-28));
            assertThat(ahead.describe()).contains("ahead of the database's", "NTP");
            assertThat(store.lastClockSkew()).isPresent(); // this one, or the store's own check since
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-5, 5})
    void clockSkew_isBeyondItsBoundEitherWay(long seconds) {
        assertThat(new ClockSkew(Duration.ofSeconds(seconds), Duration.ofSeconds(2)).beyondBound())
                .isTrue();
        assertThat(new ClockSkew(Duration.ofSeconds(seconds / 5), Duration.ofSeconds(2)).beyondBound())
                .isFalse();
    }
}
