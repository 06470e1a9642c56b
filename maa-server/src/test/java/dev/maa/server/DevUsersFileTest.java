package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.MaaConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevUsersFileTest {

    @TempDir
    Path dir;

    @Test
    void createToken_storesOnlyTheHash_andTheTokenIdentifiesItsUser() throws Exception {
        Path file = dir.resolve("users.yaml");
        DevUsersFile.createIfMissing(file, Map.of("alice", List.of("App Admins"), "bob", List.of("App Approvers")));
        String alice = DevUsersFile.createToken(file, "alice");
        String bob = DevUsersFile.createToken(file, "bob");

        assertThat(Files.readString(file)).doesNotContain(alice, bob);
        DevUsersFile users = DevUsersFile.load(file);
        assertThat(users.userForToken(alice)).contains("alice");
        assertThat(users.userForToken(bob)).contains("bob");
        assertThat(users.userForToken(alice + "x")).isEmpty();
        assertThat(users.userForToken("maa_" + "A".repeat(43))).isEmpty();
        assertThat(users.userForToken(null)).isEmpty();
        assertThat(users.directory().groupsOf("bob")).containsExactly("App Approvers");
        assertThat(alice).startsWith("maa_").isNotEqualTo(bob);
    }

    @Test
    void createToken_forAnUnknownUser_namesTheKnownOnes() {
        Path file = dir.resolve("users.yaml");
        DevUsersFile.createIfMissing(file, Map.of("alice", List.of()));
        assertThatThrownBy(() -> DevUsersFile.createToken(file, "mallory"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("mallory")
                .hasMessageContaining("alice");
    }

    @Test
    void aMalformedHash_isAConfigurationError() throws Exception {
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, "users:\n  - id: alice\n    tokens:\n      - sha256: nothex\n");
        assertThatThrownBy(() -> DevUsersFile.load(file)).hasMessageContaining("sha256");
    }

    @Test
    void createToken_keepsEveryOtherKeyOfTheFile_andTheUserSpelledAsWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("users.yaml"), """
                owner: platform-team
                users:
                  - id: Alice
                    groups: [App Admins]
                    note: on call
                """);

        String token = DevUsersFile.createToken(file, "alice");

        String text = Files.readString(file);
        assertThat(text).contains("owner: platform-team").contains("id: Alice").contains("note: on call");
        assertThat(DevUsersFile.load(file).userForToken(token)).contains("alice");
    }

    @Test
    void aMalformedHash_isRefusedByTheOneReader_forTheCliDirectoryToo() throws Exception {
        Path file = Files.writeString(dir.resolve("users.yaml"), "users:\n  - id: alice\n    tokens: {sha256: x}\n");

        assertThatThrownBy(() -> dev.maa.core.directory.StaticDirectory.fromYaml(file))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("maa token create --user alice");
    }
}
