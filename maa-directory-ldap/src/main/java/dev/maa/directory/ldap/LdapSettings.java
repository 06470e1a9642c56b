package dev.maa.directory.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import dev.maa.api.Durations;
import dev.maa.api.MaaConfigurationException;
import dev.maa.core.config.ConfigSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How {@link LdapDirectory} reaches and reads an LDAP server or Active Directory: the {@code directory.ldap}
 * section of {@code maa.yaml}, checked as a whole when it is read, so that a wrong setting stops start-up naming
 * its key instead of refusing reviews later.
 *
 * <pre>{@code
 * directory:
 *   ldap:
 *     url: ldaps://dc1.corp.example:636          # one or a list (tried in order); ldap:// needs start_tls or allow_plain
 *     start_tls: false                           # ldap:// upgraded with StartTLS before the bind
 *     allow_plain: false                         # ldap:// without TLS: only for a test server on loopback
 *     ca_file: /etc/maa/corp-ca.pem              # PEM certificates to trust; default: the JVM trust store
 *     bind_dn: CN=svc-maa,OU=Service Accounts,DC=corp,DC=example
 *     bind_password_env: MAA_LDAP_PASSWORD       # the password comes from this environment variable
 *     user_base: OU=Admins,DC=corp,DC=example
 *     user_filter: (&(objectClass=user)(sAMAccountName={0}))
 *     id_attribute: sAMAccountName               # the principal id (canonical form, Identities)
 *     mail_attribute: mail
 *     group_base: OU=Groups,DC=corp,DC=example
 *     group_filter: (objectClass=group)
 *     member_attribute: member
 *     nested: ad_in_chain                        # ad_in_chain | recursive (default) | none
 *     max_depth: 10                              # recursive: how many levels of groups in groups are followed
 *     group_name: cn                             # cn (default) | dn: the name policies use for a group
 *     cache_ttl: 60s                             # the bound on membership propagation; 0 asks the server every time
 *     connect_timeout: 5s
 *     response_timeout: 10s
 *     pool_size: 4
 * }</pre>
 *
 * @param urls            servers in failover order, each {@code ldaps://host[:port]} or {@code ldap://host[:port]}
 * @param startTls        whether {@code ldap://} connections are upgraded with StartTLS before the bind
 * @param allowPlain      whether {@code ldap://} without StartTLS is accepted (passwords and groups in clear text)
 * @param caFile          PEM file of the certificates to trust, or {@code null} for the JVM trust store
 * @param bindDn          the service account's DN
 * @param bindPassword    its password (read from the environment, never from the file)
 * @param userFilter      filter with {@code {0}} where the id goes (escaped with the SDK's filter encoding)
 * @param groupName       whether a group is named by its {@code cn} or its full DN
 * @param cacheTtl        how long a looked-up user or group may be answered from memory
 */
public record LdapSettings(
        List<String> urls,
        boolean startTls,
        boolean allowPlain,
        Path caFile,
        String bindDn,
        String bindPassword,
        String userBase,
        String userFilter,
        String idAttribute,
        String mailAttribute,
        String groupBase,
        String groupFilter,
        String memberAttribute,
        Nesting nested,
        int maxDepth,
        GroupName groupName,
        Duration cacheTtl,
        Duration connectTimeout,
        Duration responseTimeout,
        int poolSize) {

    /** The keys of {@code directory.ldap}. */
    public static final Set<String> CONFIG_KEYS = Set.of(
            "url",
            "start_tls",
            "allow_plain",
            "ca_file",
            "bind_dn",
            "bind_password_env",
            "user_base",
            "user_filter",
            "id_attribute",
            "mail_attribute",
            "group_base",
            "group_filter",
            "member_attribute",
            "nested",
            "max_depth",
            "group_name",
            "cache_ttl",
            "connect_timeout",
            "response_timeout",
            "pool_size");

    /** The default bound on membership propagation: a lookup is answered from memory for at most a minute. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);

    /** How nested groups (groups that are members of groups) are resolved. */
    public enum Nesting {
        /**
         * Active Directory's in-chain matching rule ({@code member:1.2.840.113556.1.4.1941:=}): the server walks the
         * chain, one search per lookup.
         */
        AD_IN_CHAIN,
        /** Any server: groups whose member attribute names the user, then their parents, to {@code max_depth}. */
        RECURSIVE,
        /** Direct membership only. */
        NONE
    }

    /** Which name of a group the policies' approver groups use. */
    public enum GroupName {
        /** The group's {@code cn}, e.g. {@code App Approvers}. */
        CN,
        /** The group's full DN, e.g. {@code cn=App Approvers,ou=Groups,dc=corp,dc=example}. */
        DN
    }

    public LdapSettings {
        urls = List.copyOf(urls);
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(bindPassword, "bindPassword");
        Objects.requireNonNull(userBase, "userBase");
        Objects.requireNonNull(userFilter, "userFilter");
        Objects.requireNonNull(idAttribute, "idAttribute");
        Objects.requireNonNull(groupBase, "groupBase");
        Objects.requireNonNull(groupFilter, "groupFilter");
        Objects.requireNonNull(memberAttribute, "memberAttribute");
        Objects.requireNonNull(nested, "nested");
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
    }

    /** Everything but the password, which no log or message may show. */
    @Override
    public String toString() {
        return "LdapSettings[urls=" + urls + ", startTls=" + startTls + ", allowPlain=" + allowPlain + ", caFile="
                + caFile + ", bindDn=" + bindDn + ", bindPassword=(hidden), userBase=" + userBase + ", userFilter="
                + userFilter + ", nested=" + nested + ", groupName=" + groupName + ", cacheTtl=" + cacheTtl + "]";
    }

    /** Whether {@code url} is an {@code ldaps://} URL. */
    public static boolean isLdaps(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("ldaps://");
    }

    /**
     * Reads and checks the {@code directory.ldap} section. Relative paths resolve against {@code home}; the bind
     * password is read from the variable {@code bind_password_env} names, through {@code env}.
     *
     * @throws MaaConfigurationException as {@code file: directory.ldap.key: problem}
     */
    public static LdapSettings fromConfig(ConfigSection s, Path home, Function<String, String> env) {
        s.requireKnownKeys(CONFIG_KEYS);
        List<String> urls = s.strings("url");
        if (urls.isEmpty()) {
            throw s.error("url", "is required, e.g. ldaps://dc1.corp.example:636");
        }
        boolean startTls = s.bool("start_tls", false);
        boolean allowPlain = s.bool("allow_plain", false);
        for (String url : urls) {
            checkUrl(s, url, startTls, allowPlain);
        }
        Path caFile = s.path("ca_file", home).orElse(null);
        if (caFile != null && !Files.isReadable(caFile)) {
            throw s.error("ca_file", "cannot read " + caFile + "; give a PEM file of the CA certificates to trust");
        }
        String bindDn = required(s, "bind_dn", "CN=svc-maa,OU=Service Accounts,DC=corp,DC=example");
        dn(s, "bind_dn", bindDn);
        if (s.string("bind_password_env").isEmpty()) {
            throw s.error(
                    "bind_password_env",
                    "is required: the name of the environment variable holding the"
                            + " password of bind_dn, e.g. MAA_LDAP_PASSWORD");
        }
        String password = s.secretFromEnv("bind_password_env", env).orElseThrow();
        String userFilter = s.string("user_filter", "(&(objectClass=person)(uid={0}))");
        userFilter(s, userFilter);
        String groupFilter = s.string("group_filter", "(|(objectClass=group)(objectClass=groupOfNames))");
        filter(s, "group_filter", groupFilter);
        return new LdapSettings(
                urls,
                startTls,
                allowPlain,
                caFile,
                bindDn,
                password,
                dn(s, "user_base", required(s, "user_base", "OU=Admins,DC=corp,DC=example")),
                userFilter,
                s.string("id_attribute", "uid"),
                s.string("mail_attribute", "mail"),
                dn(s, "group_base", required(s, "group_base", "OU=Groups,DC=corp,DC=example")),
                groupFilter,
                s.string("member_attribute", "member"),
                choice(s, "nested", Nesting.class, Nesting.RECURSIVE),
                s.integer("max_depth", 1, 100, 10),
                choice(s, "group_name", GroupName.class, GroupName.CN),
                s.duration("cache_ttl").orElse(DEFAULT_CACHE_TTL),
                positive(s, "connect_timeout", Duration.ofSeconds(5)),
                positive(s, "response_timeout", Duration.ofSeconds(10)),
                s.integer("pool_size", 1, 100, 4));
    }

    /** The user filter for {@code id}, escaped with the SDK's filter encoding (so {@code *)(} matches nothing). */
    public Filter userFilterFor(String id) {
        try {
            return Filter.create(userFilter.replace("{0}", Filter.encodeValue(id)));
        } catch (LDAPException e) {
            throw new MaaConfigurationException("directory.ldap.user_filter: not a valid filter: " + e.getMessage(), e);
        }
    }

    private static void checkUrl(ConfigSection s, String url, boolean startTls, boolean allowPlain) {
        LDAPURL parsed;
        try {
            parsed = new LDAPURL(url);
        } catch (LDAPException e) {
            throw s.error("url", "'" + url + "' is not an LDAP URL (" + e.getMessage() + "); write ldaps://host:636");
        }
        if (!parsed.hostProvided()) {
            throw s.error("url", "'" + url + "' names no host; write ldaps://host:636");
        }
        if (isLdaps(url)) {
            if (startTls) {
                throw s.error("start_tls", "is for ldap:// URLs; '" + url + "' is already TLS (ldaps://)");
            }
        } else if (!startTls && !allowPlain) {
            throw s.error(
                    "allow_plain",
                    "'" + url + "' is plain LDAP: the bind password and every group would cross the network in"
                            + " clear text. Use ldaps://, or start_tls: true, or (a test server only) allow_plain:"
                            + " true");
        }
    }

    private static String required(ConfigSection s, String key, String example) {
        return s.string(key).orElseThrow(() -> s.error(key, "is required, e.g. " + example));
    }

    private static String dn(ConfigSection s, String key, String value) {
        try {
            new DN(value);
            return value;
        } catch (LDAPException e) {
            throw s.error(key, "'" + value + "' is not a DN (" + e.getMessage() + ")");
        }
    }

    private static void userFilter(ConfigSection s, String template) {
        if (!template.contains("{0}")) {
            throw s.error(
                    "user_filter",
                    "must contain {0} where the id goes, e.g. (&(objectClass=user)(sAMAccountName={0}))");
        }
        filter(s, "user_filter", template.replace("{0}", "x"));
    }

    private static void filter(ConfigSection s, String key, String filter) {
        try {
            Filter.create(filter);
        } catch (LDAPException e) {
            throw s.error(key, "'" + filter + "' is not an LDAP filter (" + e.getMessage() + ")");
        }
    }

    private static <E extends Enum<E>> E choice(ConfigSection s, String key, Class<E> type, E fallback) {
        String v = s.string(key, fallback.name().toLowerCase(Locale.ROOT));
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
        throw s.error(key, "must be one of " + names + ", was '" + v + "'");
    }

    private static Duration positive(ConfigSection s, String key, Duration fallback) {
        Duration d = s.duration(key).orElse(fallback);
        if (d.isZero()) {
            throw s.error(key, "must be more than 0, e.g. " + Durations.format(fallback));
        }
        return d;
    }
}
