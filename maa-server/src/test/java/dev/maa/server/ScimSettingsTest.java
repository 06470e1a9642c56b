package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Principal;
import dev.maa.store.jdbc.JdbcScimStore;
import dev.maa.store.jdbc.ScimGroup;
import dev.maa.store.jdbc.ScimUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code scim:} section and {@code directory.source: scim} of {@code maa serve}'s config, and the stack they open. */
class ScimSettingsTest {

    static final String TOKEN = "scim-token-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final Map<String, String> ENV = Map.of("MAA_SCIM_TOKEN", TOKEN, "SHORT", "too-short");

    @TempDir
    Path home;

    /** The SCIM settings of a whole {@code maa.yaml}, read as {@code maa serve --config} reads it. */
    ScimSettings read(String yaml) throws Exception {
        Path file = Files.writeString(home.resolve("maa.yaml"), yaml);
        return ServerSettings.load(file, home, ENV::get).scim();
    }

    @Test
    void from_enabledWithATokenAndTheScimDirectory_readsBoth_andNeverPrintsTheToken() throws Exception {
        ScimSettings s = read("scim: { enabled: true, token_env: MAA_SCIM_TOKEN }\ndirectory: { source: scim }\n");

        assertThat(s.enabled()).isTrue();
        assertThat(s.token()).isEqualTo(TOKEN);
        assertThat(s.directory()).isTrue();
        assertThat(s.toString()).doesNotContain(TOKEN);
        assertThat(read("server: { port: 1 }\n")).isEqualTo(ScimSettings.NONE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "scim: { enabled: true }|maa.yaml: scim.token_env: is required with scim.enabled",
                "scim: { enabled: true, token_env: SHORT }|scim.token_env: names a token of 9 characters",
                "scim: { enabled: true, token_env: UNSET_FOR_TEST }|scim.token_env: names UNSET_FOR_TEST, which is not set",
                "scim: { enabled: true, token: abc }|scim.token: unknown key",
                "directory: { source: scim }|directory.source: is 'scim' but scim.enabled is not true",
                "directory: { source: ldapp }|directory.source: must be 'users_file', 'ldap' or 'scim'"
            })
    void from_anIncompleteOrContradictorySection_isRefusedByName(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void embeddedStack_withTheScimDirectory_checksReviewsAgainstTheProvisionedUsers() throws Exception {
        Files.writeString(home.resolve("users.yaml"), "users:\n  - id: bob\n    groups: [App Approvers]\n");
        try (EmbeddedMaa maa = EmbeddedMaa.open(
                EmbeddedMaa.settings(home).scimDirectory(true).jobInterval(null).build())) {
            assertThat(maa.directory().findFresh("bob"))
                    .as("the users file is not the directory")
                    .isEmpty();
            JdbcScimStore scim = JdbcScimStore.of(maa.store());
            ScimUser bob = scim.createUser(ScimUser.draft("Bob", null, true, "{}"));
            scim.createGroup(ScimGroup.draft("App Approvers", null, Set.of(bob.id())));
            assertThat(maa.directory().findFresh("bob"))
                    .get()
                    .extracting(Principal::groups)
                    .isEqualTo(Set.of("App Approvers"));
        }
    }
}
