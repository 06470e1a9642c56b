package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import dev.maa.api.MaaConfigurationException;
import dev.maa.directory.ldap.LdapDirectory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code directory:} section of {@code maa serve --config}: the users file by default, or LDAP. */
class DirectorySettingsTest {

    private static final Map<String, String> ENV = Map.of("MAA_LDAP_PASSWORD", "secret");

    @TempDir
    Path home;

    private ServerSettings load(String yaml) throws Exception {
        Path file = home.resolve("maa.yaml");
        Files.writeString(file, yaml);
        return ServerSettings.load(file, home, ENV::get);
    }

    private static String ldap(String url, String extra) {
        return """
                directory:
                  ldap:
                    url: %s
                    bind_dn: uid=svc-maa,ou=People,dc=corp,dc=example
                    bind_password_env: MAA_LDAP_PASSWORD
                    user_base: ou=People,dc=corp,dc=example
                    group_base: ou=Groups,dc=corp,dc=example
                    %s
                """.formatted(url, extra);
    }

    @Test
    void noDirectorySection_isTheUsersFile() throws Exception {
        assertThat(load("server: { port: 0 }\n").ldap()).isNull();
    }

    @Test
    void sourceLdap_withoutItsSettings_isRefusedByName() {
        assertThatThrownBy(() -> load("directory: { source: ldap }\n"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("directory.ldap: is required with source: ldap");
    }

    @Test
    void sourceUsersFile_withLdapSettings_isRefusedAsContradictory() {
        assertThatThrownBy(
                        () -> load(ldap("ldaps://127.0.0.1", "").replace("  ldap:", "  source: users_file\n  ldap:")))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("directory.ldap: is set but source is users_file");
    }

    @Test
    void plainLdap_isRefusedUnlessAllowed_namingTheKey() {
        assertThatThrownBy(() -> load(ldap("ldap://127.0.0.1:389", "")))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("maa.yaml: directory.ldap.allow_plain");
    }

    @Test
    void ldapDirectory_isWhatTheServersEngineAndRoutesAsk() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=corp,dc=example");
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        InMemoryDirectoryServer ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: dc=corp,dc=example", "objectClass: domain", "dc: corp");
        ldap.add("dn: ou=People,dc=corp,dc=example", "objectClass: organizationalUnit", "ou: People");
        ldap.add("dn: ou=Groups,dc=corp,dc=example", "objectClass: organizationalUnit", "ou: Groups");
        for (String uid : new String[] {"svc-maa", "bob"}) {
            ldap.add(
                    "dn: uid=" + uid + ",ou=People,dc=corp,dc=example",
                    "objectClass: inetOrgPerson",
                    "uid: " + uid,
                    "cn: " + uid,
                    "sn: " + uid,
                    "userPassword: secret");
        }
        ldap.add(
                "dn: cn=App Approvers,ou=Groups,dc=corp,dc=example",
                "objectClass: groupOfNames",
                "cn: App Approvers",
                "member: uid=bob,ou=People,dc=corp,dc=example");
        ldap.startListening();
        try {
            ServerSettings s = load(ldap("ldap://127.0.0.1:" + ldap.getListenPort(), "allow_plain: true"))
                    .withListen(0, "127.0.0.1");
            ServerConfig server = ServerSetup.configure(s);
            try (MaaServer running = MaaServer.start(server)) {
                assertThat(server.directory()).isInstanceOf(LdapDirectory.class);
                assertThat(server.directory().find("BOB").orElseThrow().groups())
                        .containsExactly("app approvers");
            }
        } finally {
            ldap.shutDown(true);
        }
    }
}
