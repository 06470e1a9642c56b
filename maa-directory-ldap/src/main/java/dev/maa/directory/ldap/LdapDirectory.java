package dev.maa.directory.ldap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import dev.maa.api.Directory;
import dev.maa.api.DirectoryUnavailableException;
import dev.maa.api.Durations;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.Principal;
import dev.maa.directory.ldap.internal.LdapPools;
import dev.maa.directory.ldap.internal.LdapQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Directory} over LDAP or Active Directory: who is in which approver group, asked of the organisation's
 * directory through a pool of TLS connections bound as a service account ({@link LdapSettings}).
 *
 * <p>Membership propagation is bounded by {@link LdapSettings#cacheTtl()} (default 60 s): a user or group looked up
 * less than that long ago is answered from memory, by {@link #find} and by {@link #findFresh} (reviews) alike, so a
 * user removed from an approver group can review for at most that long after the directory changed. A TTL of 0
 * asks the server on every lookup.
 *
 * <p>Fail closed: when the directory cannot be asked (servers down, timeouts, TLS refused), {@link #find},
 * {@link #findFresh}, {@link #membersOf} and {@link #groupsOf} throw {@link DirectoryUnavailableException}, so a
 * review is refused with that error; an unanswered lookup is never taken for "no groups" or remembered. Ids and
 * group names are compared in canonical form ({@link Identities}): an id without one finds nobody, and directory
 * values without one are skipped with a logged reason.
 */
public final class LdapDirectory implements Directory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);

    private final LdapSettings settings;
    private final LDAPConnectionPool pool;
    private final LdapQueries queries;
    private final Cache<String, Optional<LdapQueries.User>> users;
    private final Cache<String, Set<String>> members;

    private LdapDirectory(LdapSettings settings, LDAPConnectionPool pool, Clock clock) {
        this.settings = settings;
        this.pool = pool;
        this.queries = new LdapQueries(settings, pool);
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.users = Caffeine.newBuilder()
                .expireAfterWrite(settings.cacheTtl())
                .ticker(ticker)
                .maximumSize(100_000)
                .build();
        this.members = Caffeine.newBuilder()
                .expireAfterWrite(settings.cacheTtl())
                .ticker(ticker)
                .maximumSize(10_000)
                .build();
    }

    /**
     * Connects (one connection bound now, more as needed up to {@code pool_size}).
     *
     * @throws dev.maa.api.MaaConfigurationException if the server refuses the bind (wrong DN or password) or TLS
     *     cannot be set up
     * @throws DirectoryUnavailableException if no server can be reached
     */
    public static LdapDirectory open(LdapSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /** As {@link #open(LdapSettings)}, with the clock the cache's TTL is measured by. */
    public static LdapDirectory open(LdapSettings settings, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        LdapDirectory d =
                new LdapDirectory(Objects.requireNonNull(settings, "settings"), LdapPools.open(settings), clock);
        LOG.info(
                "Directory: LDAP {} (nested groups: {}, named by {}; lookups cached for {})",
                settings.urls(),
                settings.nested().name().toLowerCase(java.util.Locale.ROOT),
                settings.groupName().name().toLowerCase(java.util.Locale.ROOT),
                Durations.format(settings.cacheTtl()));
        return d;
    }

    /** The user with its current groups (canonical names), from the cache if younger than the TTL. */
    @Override
    public Optional<Principal> find(String principalId) {
        return user(principalId).map(u -> new Principal(u.id(), u.groups(), Set.of()));
    }

    /** The same as {@link #find}: a review sees membership no older than {@link LdapSettings#cacheTtl()}. */
    @Override
    public Optional<Principal> findFresh(String principalId) {
        return find(principalId);
    }

    /** The canonical ids of the group's members, nested groups included as configured (for notifications). */
    @Override
    public Set<String> membersOf(String group) {
        String name;
        try {
            name = Identities.canonical(group);
        } catch (InvalidIdentityException e) {
            return Set.of();
        }
        return members.get(name, n -> ask("the members of group '" + n + "'", () -> Set.copyOf(queries.members(n))));
    }

    /** The user's mail address as the directory lists it ({@code mail_attribute}), if any. */
    @Override
    public Optional<String> emailOf(String principalId) {
        return user(principalId).map(LdapQueries.User::mail);
    }

    /** The time a lookup may be answered from memory: the bound on membership propagation. */
    public java.time.Duration cacheTtl() {
        return settings.cacheTtl();
    }

    /** {@link #cacheTtl()}: a review may see membership that old. */
    @Override
    public java.time.Duration reviewStaleness() {
        return settings.cacheTtl();
    }

    /** Closes the connection pool. */
    @Override
    public void close() {
        pool.close();
    }

    private Optional<LdapQueries.User> user(String principalId) {
        String id;
        try {
            id = Identities.canonical(principalId);
        } catch (InvalidIdentityException e) {
            return Optional.empty(); // nobody has an id without canonical form (fail closed)
        }
        return users.get(id, i -> ask("user '" + i + "'", () -> queries.user(i)));
    }

    private interface Lookup<T> {
        T run() throws LDAPException;
    }

    /** Runs one uncached lookup; a directory that cannot answer is an error, never an empty answer. */
    private <T> T ask(String what, Lookup<T> lookup) {
        try {
            return lookup.run();
        } catch (LDAPException e) {
            LOG.warn(
                    "LDAP lookup of {} at {} failed: {} {}",
                    what,
                    settings.urls(),
                    e.getResultCode().getName(),
                    e.getDiagnosticMessage() == null ? e.getMessage() : e.getDiagnosticMessage());
            throw new DirectoryUnavailableException(
                    "The directory (LDAP) could not be asked about " + what + " ("
                            + e.getResultCode().getName() + ").",
                    e);
        }
    }
}
