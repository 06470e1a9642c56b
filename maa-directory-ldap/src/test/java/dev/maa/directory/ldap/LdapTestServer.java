package dev.maa.directory.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import dev.maa.core.config.ConfigSection;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real LDAP server in this JVM (unboundid's {@code InMemoryDirectoryServer}) on loopback: an LDAPS listener with a
 * self-signed certificate made for this run, and a plain listener that offers StartTLS. The tree:
 *
 * <pre>
 * dc=corp,dc=example
 *   ou=People: alice, bob, carol, dave, mallory, svc-maa (the service account), and "evil" whose uid has a
 *              zero-width space
 *   ou=Groups:
 *     App-Approvers ∋ Level-2 ∋ Level-3 ∋ bob        (bob is an App-Approver three levels down)
 *     App-Approvers ∋ alice                          (the requester is an approver too)
 *     Device-Managers ∋ Ring-A ∋ Ring-B ∋ Ring-A     (a cycle), Ring-B ∋ carol
 *     Level-3 ∋ dave
 * </pre>
 */
final class LdapTestServer implements AutoCloseable {

    static final String BASE = "dc=corp,dc=example";
    static final String PEOPLE = "ou=People," + BASE;
    static final String GROUPS = "ou=Groups," + BASE;
    static final String BIND_DN = "uid=svc-maa," + PEOPLE;
    static final String PASSWORD = "s3rvice-Passw0rd";
    static final String PASSWORD_ENV = "MAA_TEST_LDAP_PASSWORD";

    final InMemoryDirectoryServer server;
    final Path caFile;

    private LdapTestServer(InMemoryDirectoryServer server, Path caFile) {
        this.server = server;
        this.caFile = caFile;
    }

    /** Certificates made for this test run, by the DNS name they are for: key generation is the slow part. */
    private static final Map<String, Path> KEYSTORES = new HashMap<>();

    /** Starts a server whose certificate names {@code localhost} and {@code 127.0.0.1}. */
    static LdapTestServer start(InMemoryOperationInterceptor... interceptors) throws Exception {
        return start("localhost", interceptors);
    }

    /** Starts a server whose certificate names {@code dnsName} (and 127.0.0.1 only if it is localhost). */
    static LdapTestServer start(String dnsName, InMemoryOperationInterceptor... interceptors) throws Exception {
        Path keystore;
        synchronized (KEYSTORES) {
            keystore = KEYSTORES.get(dnsName);
            if (keystore == null) {
                keystore = certificate(dnsName);
                KEYSTORES.put(dnsName, keystore);
            }
        }
        Path caFile = keystore.resolveSibling("server-ca.pem");
        SSLUtil serverTls = new SSLUtil(
                new KeyStoreKeyManager(keystore.toFile(), "changeit".toCharArray(), "PKCS12", "server"),
                new TrustAllTrustManager());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig(
                        "ldaps", loopback, 0, serverTls.createSSLServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0, serverTls.createSSLSocketFactory()));
        for (InMemoryOperationInterceptor i : interceptors) {
            config.addInMemoryOperationInterceptor(i);
        }
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: corp");
        server.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: People");
        server.add("dn: " + GROUPS, "objectClass: top", "objectClass: organizationalUnit", "ou: Groups");
        for (String uid : new String[] {"alice", "bob", "carol", "dave", "mallory", "svc-maa"}) {
            user(server, uid, uid);
        }
        user(server, "evil", "ev\u200Bil");
        group(server, "Level-3", user("bob"), user("dave"));
        group(server, "Level-2", group("Level-3"));
        group(server, "App-Approvers", group("Level-2"), user("alice"));
        group(server, "Ring-A", group("Ring-B"));
        group(server, "Ring-B", group("Ring-A"), user("carol"), user("evil"));
        group(server, "Device-Managers", group("Ring-A"));
        server.modify(BIND_DN, new Modification(ModificationType.REPLACE, "userPassword", PASSWORD));
        server.startListening();
        return new LdapTestServer(server, caFile);
    }

    static String user(String uid) {
        return "uid=" + uid + "," + PEOPLE;
    }

    static String group(String cn) {
        return "cn=" + cn + "," + GROUPS;
    }

    /** The {@code directory.ldap} section for this server: LDAPS with the test CA, plus {@code extra} lines. */
    String ldapsConfig(String... extra) {
        return config("ldaps://localhost:" + server.getListenPort("ldaps"), "ca_file: " + caFile, extra);
    }

    String plainUrl() {
        return "ldap://localhost:" + server.getListenPort("ldap");
    }

    static String config(String url, String tls, String... extra) {
        StringBuilder sb = new StringBuilder()
                .append("url: ")
                .append(url)
                .append('\n')
                .append(tls)
                .append('\n')
                .append("bind_dn: ")
                .append(BIND_DN)
                .append('\n')
                .append("bind_password_env: ")
                .append(PASSWORD_ENV)
                .append('\n')
                .append("user_base: ")
                .append(PEOPLE)
                .append('\n')
                .append("user_filter: (&(objectClass=inetOrgPerson)(uid={0}))\n")
                .append("group_base: ")
                .append(GROUPS)
                .append('\n')
                .append("group_filter: (objectClass=groupOfNames)\n");
        for (String line : extra) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** Reads {@code yaml} as the {@code directory.ldap} section, with the test password in its variable. */
    static LdapSettings settings(String yaml) {
        return settings(yaml, Map.of(PASSWORD_ENV, PASSWORD));
    }

    static LdapSettings settings(String yaml, Map<String, String> env) {
        ConfigSection root = ConfigSection.parse("directory:\n  ldap:\n" + yaml.indent(4), "maa.yaml");
        return LdapSettings.fromConfig(root.section("directory").section("ldap"), Path.of("/"), env::get);
    }

    void removeMember(String groupCn, String memberDn) throws LDAPException {
        server.modify(group(groupCn), new Modification(ModificationType.DELETE, "member", memberDn));
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static void user(InMemoryDirectoryServer server, String rdn, String uid) throws Exception {
        server.add(
                "dn: uid=" + rdn + "," + PEOPLE,
                "objectClass: top",
                "objectClass: person",
                "objectClass: organizationalPerson",
                "objectClass: inetOrgPerson",
                "uid: " + uid,
                "cn: " + rdn,
                "sn: " + rdn,
                "mail: " + rdn + "@corp.example");
    }

    private static void group(InMemoryDirectoryServer server, String cn, String... members) throws Exception {
        String[] ldif = new String[3 + members.length];
        ldif[0] = "dn: " + group(cn);
        ldif[1] = "objectClass: groupOfNames";
        ldif[2] = "cn: " + cn;
        for (int i = 0; i < members.length; i++) {
            ldif[3 + i] = "member: " + members[i];
        }
        server.add(ldif);
    }

    /** A self-signed certificate for {@code dnsName} in a PKCS#12 file, its PEM beside it as server-ca.pem. */
    private static Path certificate(String dnsName) throws Exception {
        Path certs = Files.createTempDirectory("maa-ldap-test");
        certs.toFile().deleteOnExit();
        Path keystore = certs.resolve("server.p12");
        Path pem = certs.resolve("server-ca.pem");
        List<String> args = new ArrayList<>(List.of(
                "generate-self-signed-certificate",
                "--keystore",
                keystore.toString(),
                "--keystore-password",
                "changeit",
                "--keystore-type",
                "PKCS12",
                "--alias",
                "server",
                "--subject-dn",
                "CN=" + dnsName,
                "--days-valid",
                "2",
                "--key-algorithm",
                "EC",
                "--key-size-bits",
                "256",
                "--signature-algorithm",
                "SHA256withECDSA",
                "--subject-alternative-name-dns",
                dnsName));
        if (dnsName.equals("localhost")) {
            args.addAll(List.of("--subject-alternative-name-ip-address", "127.0.0.1"));
        }
        certificates(args.toArray(String[]::new));
        certificates(
                "export-certificate",
                "--keystore",
                keystore.toString(),
                "--keystore-password",
                "changeit",
                "--alias",
                "server",
                "--output-format",
                "PEM",
                "--output-file",
                pem.toString());
        keystore.toFile().deleteOnExit();
        pem.toFile().deleteOnExit();
        return keystore;
    }

    private static void certificates(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultCode rc = ManageCertificates.main(null, out, out, args);
        if (rc != ResultCode.SUCCESS) {
            throw new IllegalStateException(
                    "manage-certificates " + args[0] + " failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }
}
