package dev.maa.directory.ldap;

import static dev.maa.directory.ldap.LdapTestServer.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.DirectoryUnavailableException;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Principal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The directory against a real LDAP server: TLS, nested groups, cycles, canonical ids, start-up refusals. */
class LdapDirectoryTest {

    static LdapTestServer ldap;
    static LdapDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        ldap = LdapTestServer.start();
        directory = LdapDirectory.open(settings(ldap.ldapsConfig()));
    }

    @AfterAll
    static void stop() {
        directory.close();
        ldap.close();
    }

    @Test
    void find_userThreeLevelsDownInNestedGroups_hasEveryEnclosingGroup() {
        Principal bob = directory.find("bob").orElseThrow();

        assertThat(bob.id()).isEqualTo("bob");
        assertThat(bob.groups()).containsExactlyInAnyOrder("level-3", "level-2", "app-approvers");
        assertThat(bob.isMemberOf("App-Approvers")).isTrue();
    }

    @Test
    void find_userInACycleOfGroups_endsWithEachGroupOnce() {
        Principal carol = directory.find("carol").orElseThrow();

        assertThat(carol.groups()).containsExactlyInAnyOrder("ring-a", "ring-b", "device-managers");
    }

    @Test
    void find_withNestingOff_hasOnlyDirectGroups() {
        try (LdapDirectory direct = LdapDirectory.open(settings(ldap.ldapsConfig("nested: none")))) {
            assertThat(direct.find("bob").orElseThrow().groups()).containsExactly("level-3");
        }
    }

    @Test
    void find_withMaxDepthTwo_stopsBelowTheThirdLevel() {
        try (LdapDirectory shallow = LdapDirectory.open(settings(ldap.ldapsConfig("max_depth: 2")))) {
            assertThat(shallow.find("bob").orElseThrow().groups()).containsExactlyInAnyOrder("level-3", "level-2");
        }
    }

    @Test
    void find_withGroupsNamedByDn_namesGroupsByTheirDn() {
        try (LdapDirectory byDn = LdapDirectory.open(settings(ldap.ldapsConfig("group_name: dn")))) {
            Principal bob = byDn.find("bob").orElseThrow();

            assertThat(bob.isMemberOf("CN=App-Approvers,OU=Groups,DC=corp,DC=example"))
                    .isTrue();
            assertThat(bob.isMemberOf("App-Approvers")).isFalse();
            assertThat(byDn.membersOf("cn=Level-3,ou=Groups,dc=corp,dc=example"))
                    .containsExactlyInAnyOrder("bob", "dave");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "ALICE", " alice ", "ａｌｉｃｅ", "alıce"})
    void find_byAnotherSpelling_isTheSameCanonicalPrincipal(String spelling) {
        Principal alice = directory.find(spelling).orElseThrow();

        assertThat(alice.id()).isEqualTo("alice");
        assertThat(alice.groups()).contains("app-approvers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "alice)(uid=*", "a*", "аlice", "al\u200Bice", "evil"})
    void find_ofFilterMetacharactersOrIdsWithoutCanonicalForm_findsNobody(String id) {
        assertThat(directory.find(id)).isEmpty();
    }

    @Test
    void membersOf_aGroupWithNestedGroups_listsEveryUserOnce_andSkipsIdsWithoutCanonicalForm() {
        assertThat(directory.membersOf("App-Approvers")).containsExactlyInAnyOrder("alice", "bob", "dave");
        assertThat(directory.membersOf("device-managers")).containsExactly("carol");
        assertThat(directory.membersOf("No-Such-Group")).isEmpty();
    }

    @Test
    void emailOf_aUser_isTheDirectorysMailAttribute() {
        assertThat(directory.emailOf("Bob")).contains("bob@corp.example");
        assertThat(directory.emailOf("nobody")).isEmpty();
    }

    @Test
    void startTls_overPlainLdapUrl_connectsAndFinds() {
        String yaml = LdapTestServer.config(ldap.plainUrl(), "start_tls: true\nca_file: " + ldap.caFile);
        try (LdapDirectory tls = LdapDirectory.open(settings(yaml))) {
            assertThat(tls.find("bob").orElseThrow().groups()).contains("app-approvers");
        }
    }

    @Test
    void plainLdap_withoutAllowPlain_isRefusedNamingTheKey() {
        String yaml = LdapTestServer.config(ldap.plainUrl(), "");

        assertThatThrownBy(() -> settings(yaml))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("directory.ldap.allow_plain")
                .hasMessageContaining("clear text");
    }

    @Test
    void plainLdap_withAllowPlain_works() {
        String yaml = LdapTestServer.config(ldap.plainUrl(), "allow_plain: true");
        try (LdapDirectory plain = LdapDirectory.open(settings(yaml))) {
            assertThat(plain.find("carol")).isPresent();
        }
    }

    @Test
    void wrongBindPassword_stopsStartUpWithAClearError() {
        LdapSettings wrong = settings(ldap.ldapsConfig(), Map.of(LdapTestServer.PASSWORD_ENV, "not-the-password"));

        assertThatThrownBy(() -> LdapDirectory.open(wrong))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("refused the bind as " + LdapTestServer.BIND_DN)
                .hasMessageContaining("bind_password_env")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void ldaps_withACertificateNoTrustedCaIssued_isRefused() {
        String yaml = LdapTestServer.config("ldaps://localhost:" + ldap.server.getListenPort("ldaps"), "");

        assertThatThrownBy(() -> LdapDirectory.open(settings(yaml)))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("could not be reached at start-up")
                .hasMessageContaining("ca_file");
    }

    @Test
    void ldaps_toAServerWhoseCertificateNamesAnotherHost_isRefused() throws Exception {
        try (LdapTestServer other = LdapTestServer.start("ldap.other.example")) {
            LdapSettings s = settings(other.ldapsConfig());

            assertThatThrownBy(() -> LdapDirectory.open(s))
                    .isInstanceOf(DirectoryUnavailableException.class)
                    .hasMessageContaining("Hostname verification failed");
        }
    }

    @Test
    void bindPasswordVariableUnset_isRefusedNamingTheVariable() {
        assertThatThrownBy(() -> settings(ldap.ldapsConfig(), Map.of()))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("directory.ldap.bind_password_env")
                .hasMessageContaining(LdapTestServer.PASSWORD_ENV);
    }

    @Test
    void settings_refuseUnknownKeysAndFiltersWithoutThePlaceholder() {
        assertThatThrownBy(() -> settings(ldap.ldapsConfig("user_filtre: (uid={0})")))
                .hasMessageContaining("directory.ldap.user_filtre: unknown key");
        assertThatThrownBy(() -> settings(ldap.ldapsConfig().replace("uid={0}", "uid=alice")))
                .hasMessageContaining("directory.ldap.user_filter: must contain {0}");
        assertThatThrownBy(() -> settings(ldap.ldapsConfig("nested: deep")))
                .hasMessageContaining("directory.ldap.nested: must be one of [ad_in_chain, recursive, none]");
        assertThatThrownBy(() -> settings(ldap.ldapsConfig("cache_ttl: 60")))
                .hasMessageContaining("directory.ldap.cache_ttl");
    }

    @Test
    void settings_neverShowThePassword() {
        assertThat(settings(ldap.ldapsConfig()).toString()).doesNotContain(LdapTestServer.PASSWORD);
    }
}
