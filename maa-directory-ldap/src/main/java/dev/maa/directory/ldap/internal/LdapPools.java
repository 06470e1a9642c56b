package dev.maa.directory.ldap.internal;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import dev.maa.api.DirectoryUnavailableException;
import dev.maa.api.MaaConfigurationException;
import dev.maa.directory.ldap.LdapSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.EnumSet;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens the connection pool of {@link LdapSettings}: TLS (LDAPS or StartTLS) with the host name checked against the
 * certificate, the service account bound on every connection, connect and response timeouts, failover across the
 * configured URLs. Plain LDAP only when the settings allow it (they refuse it otherwise when read).
 */
public final class LdapPools {

    private LdapPools() {}

    /**
     * Connects and binds one connection now, so a wrong password or an unreachable server stops start-up.
     *
     * @throws MaaConfigurationException if the server refuses the bind or the TLS setup cannot be built
     * @throws DirectoryUnavailableException if no server could be reached
     */
    public static LDAPConnectionPool open(LdapSettings s) {
        SSLContext tls = s.urls().stream().anyMatch(LdapSettings::isLdaps) || s.startTls() ? sslContext(s) : null;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(millis(s.connectTimeout().toMillis()));
        options.setResponseTimeoutMillis(s.responseTimeout().toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setUseSynchronousMode(false);
        String[] hosts = new String[s.urls().size()];
        int[] ports = new int[hosts.length];
        SocketFactory socketFactory = null;
        for (int i = 0; i < hosts.length; i++) {
            LDAPURL url = url(s.urls().get(i));
            hosts[i] = url.getHost();
            ports[i] = url.getPort();
            if (LdapSettings.isLdaps(s.urls().get(i))) {
                socketFactory = tls.getSocketFactory();
            }
        }
        if (socketFactory != null && s.urls().stream().anyMatch(u -> !LdapSettings.isLdaps(u))) {
            throw new MaaConfigurationException(
                    "directory.ldap.url: mixes ldaps:// and ldap:// URLs; use one scheme for all servers");
        }
        FailoverServerSet servers = socketFactory == null
                ? new FailoverServerSet(hosts, ports, options)
                : new FailoverServerSet(hosts, ports, socketFactory, options);
        PostConnectProcessor startTls = s.startTls() ? new StartTLSPostConnectProcessor(tls) : null;
        try {
            LDAPConnectionPool pool = new LDAPConnectionPool(
                    servers, new SimpleBindRequest(s.bindDn(), s.bindPassword()), 1, s.poolSize(), startTls, true);
            pool.setConnectionPoolName("maa-directory-ldap");
            pool.setMaxWaitTimeMillis(s.responseTimeout().toMillis());
            pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.of(OperationType.SEARCH));
            return pool;
        } catch (LDAPException e) {
            throw startFailure(s, e);
        }
    }

    private static RuntimeException startFailure(LdapSettings s, LDAPException e) {
        ResultCode rc = e.getResultCode();
        if (rc == ResultCode.INVALID_CREDENTIALS
                || rc == ResultCode.INAPPROPRIATE_AUTHENTICATION
                || rc == ResultCode.INVALID_DN_SYNTAX) {
            return new MaaConfigurationException(
                    "directory.ldap: the LDAP server refused the bind as " + s.bindDn() + " (" + rc.getName()
                            + "); check directory.ldap.bind_dn and the password in the variable"
                            + " bind_password_env names",
                    e);
        }
        if (rc == ResultCode.CONNECT_ERROR || rc == ResultCode.SERVER_DOWN || rc == ResultCode.TIMEOUT) {
            return new DirectoryUnavailableException(
                    "The LDAP directory " + s.urls() + " could not be reached at start-up (" + rc.getName() + ": "
                            + e.getMessage() + "); check directory.ldap.url, the network and, for TLS,"
                            + " that the server's certificate names its host and is issued by ca_file or the JVM's"
                            + " trusted CAs.",
                    e);
        }
        return new MaaConfigurationException(
                "directory.ldap: connecting to " + s.urls() + " failed (" + rc.getName() + ": " + e.getMessage()
                        + "); check the directory.ldap settings",
                e);
    }

    private static SSLContext sslContext(LdapSettings s) {
        try {
            TrustManager trust = s.caFile() == null ? JVMDefaultTrustManager.getInstance() : caTrust(s);
            return new SSLUtil(trust).createSSLContext();
        } catch (GeneralSecurityException e) {
            throw new MaaConfigurationException(
                    "directory.ldap: cannot set up TLS (" + e.getMessage() + "); check ca_file", e);
        }
    }

    /** A PKIX trust manager over exactly the certificates of {@code ca_file}. */
    private static TrustManager caTrust(LdapSettings s) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        List<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(s.caFile())) {
            certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException e) {
            throw new MaaConfigurationException(
                    "directory.ldap.ca_file: cannot read " + s.caFile() + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new MaaConfigurationException("directory.ldap.ca_file: " + s.caFile()
                    + " holds no certificate; give the PEM of the CA that issued the server's certificate");
        }
        for (int i = 0; i < certs.size(); i++) {
            store.setCertificateEntry("ca-" + i, certs.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers()[0];
    }

    private static LDAPURL url(String url) {
        try {
            return new LDAPURL(url);
        } catch (LDAPException e) {
            throw new MaaConfigurationException("directory.ldap.url: '" + url + "' is not an LDAP URL", e);
        }
    }

    private static int millis(long ms) {
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
