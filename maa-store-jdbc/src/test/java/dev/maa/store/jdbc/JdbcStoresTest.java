package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.MaaConfigurationException;
import dev.maa.api.RequestQuery;
import dev.maa.core.config.MaaHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoresTest {

    @TempDir
    Path dir;

    @Test
    void h2File_createsAPrivateDirectory_acceptsTheFileSuffix_andListensOnlyWhenShared() throws Exception {
        Path file = dir.resolve("nested/deeper/maa.mv.db");
        JdbcStoreSettings settings = JdbcStores.h2FileSettings(file).build();

        assertThat(settings.url())
                .isEqualTo("jdbc:h2:file:" + dir.resolve("nested/deeper/maa").toAbsolutePath()
                        + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;CACHE_SIZE=" + JdbcStores.h2CacheKb());
        assertThat(JdbcStores.h2FileUrl(file, true)).contains(";AUTO_SERVER=TRUE");
        assertThat(JdbcStores.h2CacheKb()).isBetween(64L * 1024, 256L * 1024);
        assertThat(Files.getPosixFilePermissions(dir.resolve("nested/deeper")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void defaultH2Path_isInTheMaaHome() {
        assertThat(JdbcStores.defaultH2Path()).isEqualTo(MaaHome.resolve().resolve("maa"));
    }

    @Test
    void h2File_keepsDataAcrossReopening() {
        Path file = dir.resolve("maa");
        try (JdbcRequestStore store = JdbcStores.h2File(file)) {
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        }
        assertThat(dir.resolve("maa.mv.db")).exists();
        try (JdbcRequestStore store = JdbcStores.h2File(file)) {
            assertThat(store.find("r1")).isPresent();
            assertThat(store.auditLog().verify().intact()).isTrue();
        }
    }

    @Test
    @Timeout(120)
    void h2File_isSharedSafelyWithAnotherProcess_whenItsOwnerSharesIt() throws Exception {
        Path file = dir.resolve("shared");
        try (JdbcRequestStore store = JdbcStores.h2File(file, true)) {
            store.insert(request("parent-1", "shared-1", 0), event("parent-1", "SUBMITTED"));

            assertThat(runChild(file)).isZero();

            assertThat(store.find("child-1")).isPresent();
            assertThat(store.find("child-conflict")).isEmpty();
            assertThat(store.auditLog().verify().intact()).isTrue();
            assertThat(store.auditLog().read(0, 10)).hasSize(2);
        }
    }

    @Test
    @Timeout(120)
    void h2File_openInAProcessThatDoesNotShareIt_isRefusedWithWhatToDo() throws Exception {
        Path file = dir.resolve("private");
        try (JdbcRequestStore store = JdbcStores.h2File(file)) {
            store.insert(request("parent-1", "shared-1", 0), event("parent-1", "SUBMITTED"));

            assertThat(runChild(file)).isEqualTo(SharedH2FileProcess.NOT_SHARED);
            assertThat(Files.readString(dir.resolve("child.log"))).contains("does not share it", "store.h2_shared");
        }
    }

    private int runChild(Path file) throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SharedH2FileProcess.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("child finished").isTrue();
        return child.exitValue();
    }

    @Test
    void h2InMemory_isDroppedOnClose() {
        try (JdbcRequestStore store = JdbcStores.h2InMemory("dropped")) {
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        }
        try (JdbcRequestStore store = JdbcStores.h2InMemory("dropped")) {
            assertThat(store.list(RequestQuery.all())).isEmpty();
        }
        assertThatThrownBy(() -> JdbcStores.h2InMemory("bad name;INIT=RUNSCRIPT"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromUrl_opensH2_andRejectsOtherDatabasesNamingTheSupportedOnes() {
        try (JdbcRequestStore store = JdbcStores.fromUrl("jdbc:h2:mem:from-url;DB_CLOSE_DELAY=-1", "sa", "")) {
            assertThat(store.list(RequestQuery.all())).isEmpty();
        }
        assertThatThrownBy(() -> JdbcStores.fromUrl("jdbc:mysql://db/maa?password=hunter2"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("jdbc:h2:file:")
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JdbcStores.postgres("jdbc:h2:mem:x", "sa", ""))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("PostgreSQL");
    }

    @Test
    void settings_haveSafeDefaults_andHideThePassword() {
        JdbcStoreSettings s = JdbcStoreSettings.builder(
                        "jdbc:postgresql://db:5432/maa?user=maa&password=hunter2&ssl=true")
                .password("hunter2")
                .build();

        assertThat(s.auditRetention()).isEqualTo(Duration.parse("P2555D"));
        assertThat(s.requestRetention()).isEqualTo(s.auditRetention());
        assertThat(s.redactedUrl()).isEqualTo("jdbc:postgresql://db:5432/maa?user=maa&password=***&ssl=true");
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(JdbcStoreSettings.builder("jdbc:h2:tcp://x/maa;PASSWORD=hunter2")
                        .build()
                        .redactedUrl())
                .isEqualTo("jdbc:h2:tcp://x/maa;PASSWORD=***");
    }

    @Test
    void settings_refuseNonsense_namingTheSetting() {
        JdbcStoreSettings.Builder b = JdbcStoreSettings.builder("jdbc:h2:mem:x");
        for (Runnable bad : List.<Runnable>of(
                () -> b.poolSize(0),
                () -> b.auditRetention(Duration.ZERO),
                () -> b.requestRetention(Duration.ofDays(-1)),
                () -> b.connectionTimeout(Duration.ofMillis(10)),
                () -> b.lockTimeout(Duration.ofMillis(1)))) {
            assertThatThrownBy(bad::run)
                    .isInstanceOf(MaaConfigurationException.class)
                    .hasMessageMatching(
                            "(poolSize|auditRetention|requestRetention|connectionTimeout|lockTimeout) must .*");
        }
        assertThat(b.auditRetention(Duration.ofDays(30)).build().requestRetention())
                .isEqualTo(Duration.ofDays(30));
    }
}
