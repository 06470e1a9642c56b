package dev.maa.directory.ldap.internal;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.MaaConfigurationException;
import dev.maa.directory.ldap.LdapSettings;
import dev.maa.directory.ldap.LdapSettings.GroupName;
import dev.maa.directory.ldap.LdapSettings.Nesting;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searches behind {@link dev.maa.directory.ldap.LdapDirectory}, uncached: a user by id with its groups (nested
 * groups by AD's in-chain rule or by recursive expansion with a cycle guard and a depth bound), and the members of a
 * group. Every id and group name leaves here in canonical form ({@link Identities}); a value without one is skipped
 * with a logged reason, never matched loosely. Any {@link LDAPException} reaches the caller, who fails closed.
 */
public final class LdapQueries {

    /** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: the server follows the member chain. */
    public static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

    /** At most this many entries are read while listing a group's members (notifications), so a loop is bounded. */
    static final int MAX_MEMBER_ENTRIES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(LdapQueries.class);

    private final LdapSettings s;
    private final LDAPConnectionPool pool;
    private final Filter groupFilter;
    private final Filter anyUser;

    public LdapQueries(LdapSettings s, LDAPConnectionPool pool) {
        this.s = s;
        this.pool = pool;
        try {
            this.groupFilter = Filter.create(s.groupFilter());
            // the user filter with any id: {0} becomes a presence or substring match
            this.anyUser = Filter.create(s.userFilter().replace("{0}", "*"));
        } catch (LDAPException e) {
            throw new MaaConfigurationException("directory.ldap: a filter does not parse: " + e.getMessage(), e);
        }
    }

    /** A user as the directory lists it: canonical id, DN, mail address (or null) and canonical group names. */
    public record User(String id, String dn, String mail, Set<String> groups) {}

    /**
     * The user whose id attribute is {@code canonicalId} (canonically), with its groups.
     *
     * @throws MaaConfigurationException if the user filter selects more than one user for the id
     */
    public Optional<User> user(String canonicalId) throws LDAPException {
        List<SearchResultEntry> found = new ArrayList<>();
        String[] attributes = s.mailAttribute() == null
                ? new String[] {s.idAttribute()}
                : new String[] {s.idAttribute(), s.mailAttribute()};
        for (SearchResultEntry e : pool.search(s.userBase(), SearchScope.SUB, s.userFilterFor(canonicalId), attributes)
                .getSearchEntries()) {
            String id = canonical(e.getAttributeValue(s.idAttribute()), "user id", e.getDN());
            if (canonicalId.equals(id)) {
                found.add(e);
            } else if (id != null) {
                LOG.warn(
                        "LDAP entry {} answered the search for '{}' but its {} is '{}'; it is not that user",
                        e.getDN(),
                        canonicalId,
                        s.idAttribute(),
                        id);
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw new MaaConfigurationException("directory.ldap.user_filter selects " + found.size()
                    + " entries for the id '" + canonicalId + "' under " + s.userBase()
                    + "; make user_filter and id_attribute select exactly one user per id");
        }
        SearchResultEntry e = found.get(0);
        String mail = s.mailAttribute() == null ? null : e.getAttributeValue(s.mailAttribute());
        return Optional.of(new User(canonicalId, e.getDN(), mail, groupsOf(e.getParsedDN())));
    }

    /** The canonical names of the groups {@code member} is in, nested ones included as configured. */
    private Set<String> groupsOf(DN member) throws LDAPException {
        Set<String> names = new TreeSet<>();
        if (s.nested() == Nesting.AD_IN_CHAIN) {
            Filter inChain =
                    Filter.createExtensibleMatchFilter(s.memberAttribute(), IN_CHAIN, false, member.toString());
            for (SearchResultEntry g : searchGroups(inChain)) {
                addName(names, g);
            }
            return names;
        }
        Set<DN> seen = new HashSet<>();
        List<DN> frontier = List.of(member);
        int depth = s.nested() == Nesting.NONE ? 1 : s.maxDepth();
        for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
            List<Filter> any = new ArrayList<>();
            frontier.forEach(dn -> any.add(Filter.createEqualityFilter(s.memberAttribute(), dn.toString())));
            List<DN> next = new ArrayList<>();
            for (SearchResultEntry g : searchGroups(Filter.createORFilter(any))) {
                if (seen.add(g.getParsedDN())) { // a cycle of groups ends here
                    addName(names, g);
                    next.add(g.getParsedDN());
                }
            }
            frontier = next;
        }
        if (!frontier.isEmpty() && s.nested() == Nesting.RECURSIVE) {
            LOG.warn(
                    "Groups of {} nest deeper than directory.ldap.max_depth ({}); groups above {} are not counted",
                    member,
                    s.maxDepth(),
                    frontier);
        }
        return names;
    }

    /**
     * The canonical ids of the users in the group named {@code canonicalGroup} (nested groups included as
     * configured); empty if no group has that name.
     */
    public Set<String> members(String canonicalGroup) throws LDAPException {
        Set<String> ids = new TreeSet<>();
        for (DN group : groupsNamed(canonicalGroup)) {
            if (s.nested() == Nesting.AD_IN_CHAIN) {
                Filter f = Filter.createANDFilter(
                        anyUser, Filter.createExtensibleMatchFilter("memberOf", IN_CHAIN, false, group.toString()));
                for (SearchResultEntry u : pool.search(s.userBase(), SearchScope.SUB, f, s.idAttribute())
                        .getSearchEntries()) {
                    addId(ids, u);
                }
            } else {
                expandMembers(group, ids);
            }
        }
        return ids;
    }

    /** Members of {@code group} and, unless nesting is off, of the groups in it: breadth first, each group once. */
    private void expandMembers(DN group, Set<String> ids) throws LDAPException {
        Set<DN> seen = new HashSet<>(Set.of(group));
        Deque<DN> groups = new ArrayDeque<>(List.of(group));
        int depth = s.nested() == Nesting.NONE ? 1 : s.maxDepth();
        int read = 0;
        for (int level = 1; level <= depth && !groups.isEmpty(); level++) {
            Deque<DN> next = new ArrayDeque<>();
            for (DN g : groups) {
                SearchResultEntry entry = pool.getEntry(g.toString(), s.memberAttribute());
                String[] members = entry == null ? null : entry.getAttributeValues(s.memberAttribute());
                for (String m : members == null ? new String[0] : members) {
                    if (++read > MAX_MEMBER_ENTRIES) {
                        LOG.warn(
                                "Group {} has more than {} members with its nested groups; the rest are not listed",
                                group,
                                MAX_MEMBER_ENTRIES);
                        return;
                    }
                    SearchResultEntry asGroup = entry(m, groupFilter);
                    if (asGroup != null) {
                        if (seen.add(asGroup.getParsedDN())) {
                            next.add(asGroup.getParsedDN());
                        }
                        continue;
                    }
                    SearchResultEntry asUser = entry(m, anyUser);
                    if (asUser != null && asUser.getParsedDN().isDescendantOf(s.userBase(), true)) {
                        addId(ids, asUser);
                    }
                }
            }
            groups = next;
        }
    }

    /** The groups whose name (cn or DN, as configured) is {@code canonicalGroup}, canonically. */
    private List<DN> groupsNamed(String canonicalGroup) throws LDAPException {
        List<DN> out = new ArrayList<>();
        if (s.groupName() == GroupName.DN) {
            DN dn;
            try {
                dn = new DN(canonicalGroup);
            } catch (LDAPException e) {
                return out; // not a DN: no group of that name
            }
            SearchResultEntry g = entry(dn.toString(), groupFilter);
            if (g != null && canonicalGroup.equals(name(g))) {
                out.add(g.getParsedDN());
            }
            return out;
        }
        for (SearchResultEntry g : searchGroups(Filter.createEqualityFilter("cn", canonicalGroup))) {
            if (canonicalGroup.equals(name(g))) {
                out.add(g.getParsedDN());
            }
        }
        return out;
    }

    /**
     * The entry {@code dn} if the server says it matches {@code filter} (the server evaluates it, so any filter an
     * operator writes works), else null; a DN that does not exist is null too.
     */
    private SearchResultEntry entry(String dn, Filter filter) throws LDAPException {
        try {
            List<SearchResultEntry> found = pool.search(dn, SearchScope.BASE, filter, "cn", s.idAttribute())
                    .getSearchEntries();
            return found.isEmpty() ? null : found.get(0);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return null;
            }
            throw e;
        }
    }

    private List<SearchResultEntry> searchGroups(Filter f) throws LDAPException {
        return pool.search(s.groupBase(), SearchScope.SUB, Filter.createANDFilter(groupFilter, f), "cn")
                .getSearchEntries();
    }

    private void addName(Set<String> names, SearchResultEntry g) {
        String name = name(g);
        if (name != null) {
            names.add(name);
        }
    }

    private String name(SearchResultEntry g) {
        String raw = s.groupName() == GroupName.DN ? g.getDN() : g.getAttributeValue("cn");
        return canonical(raw, "group name", g.getDN());
    }

    private void addId(Set<String> ids, SearchResultEntry u) {
        String id = canonical(u.getAttributeValue(s.idAttribute()), "user id", u.getDN());
        if (id != null) {
            ids.add(id);
        }
    }

    /** The canonical form of {@code raw}, or null (logged) when it has none: never matched loosely. */
    private static String canonical(String raw, String what, String dn) {
        if (raw == null) {
            LOG.warn("LDAP entry {} has no {}; it is skipped", dn, what);
            return null;
        }
        try {
            return Identities.canonical(raw);
        } catch (InvalidIdentityException e) {
            LOG.warn("LDAP entry {}: its {} is not accepted and is skipped: {}", dn, what, e.getMessage());
            return null;
        }
    }
}
