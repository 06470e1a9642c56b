package dev.maa.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.core.directory.StaticDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaaHomeTest {

    @TempDir
    Path dir;

    @Test
    void resolve_optionWins_thenTheEnvironment_thenTheUsersHome() {
        assertThat(MaaHome.resolve(dir, Map.of("MAA_HOME", "/srv/maa"))).isEqualTo(dir);
        assertThat(MaaHome.resolve(null, Map.of("MAA_HOME", "/srv/maa"))).isEqualTo(Path.of("/srv/maa"));
        assertThat(MaaHome.resolve(null, Map.of("MAA_HOME", "  ")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".maa"));
        assertThat(MaaHome.resolve(null, Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".maa"));
    }

    @Test
    void demoUsers_includeTheBreakGlassAccount_andAnExistingFileIsKept() throws Exception {
        Path users = dir.resolve("home/users.yaml");

        assertThat(MaaHome.createDemoUsersIfMissing(users)).isTrue();
        assertThat(StaticDirectory.fromYaml(users)
                        .find("emergency-admin-1")
                        .orElseThrow()
                        .groups())
                .containsExactly("Break Glass");
        Files.writeString(users, "users: []\n");
        assertThat(MaaHome.createDemoUsersIfMissing(users)).isFalse();
        assertThat(Files.readString(users)).isEqualTo("users: []\n");
    }
}
