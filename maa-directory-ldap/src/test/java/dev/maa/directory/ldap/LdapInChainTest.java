package dev.maa.directory.ldap;

import static dev.maa.directory.ldap.LdapTestServer.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.maa.directory.ldap.internal.LdapQueries;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code nested: ad_in_chain} sends Active Directory's in-chain matching rule. No Active Directory can run here, so
 * the in-memory server gets AD's behaviour for that one rule from an interceptor ({@link InChain}): it answers
 * {@code member:1.2.840.113556.1.4.1941:=X} with every group that holds X through any chain of groups, and
 * {@code memberOf:1.2.840.113556.1.4.1941:=G} with every entry G holds that way, as AD documents the rule.
 */
class LdapInChainTest {

    static final InChain IN_CHAIN = new InChain();
    static LdapTestServer ldap;
    static LdapDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        ldap = LdapTestServer.start(IN_CHAIN);
        IN_CHAIN.server = ldap.server;
        directory = LdapDirectory.open(settings(ldap.ldapsConfig("nested: ad_in_chain")));
    }

    @AfterAll
    static void stop() {
        directory.close();
        ldap.close();
    }

    @Test
    void find_userThreeLevelsDown_getsEveryEnclosingGroupFromOneInChainSearch() {
        int before = IN_CHAIN.rewritten.get();

        assertThat(directory.find("bob").orElseThrow().groups())
                .containsExactlyInAnyOrder("level-3", "level-2", "app-approvers");
        assertThat(IN_CHAIN.rewritten.get() - before).isEqualTo(1);
    }

    @Test
    void find_userInACycleOfGroups_hasEachGroupOnce() {
        assertThat(directory.find("carol").orElseThrow().groups())
                .containsExactlyInAnyOrder("ring-a", "ring-b", "device-managers");
    }

    @Test
    void membersOf_usesMemberOfInChain_andSkipsIdsWithoutCanonicalForm() {
        int before = IN_CHAIN.rewritten.get();

        assertThat(directory.membersOf("App-Approvers")).containsExactlyInAnyOrder("alice", "bob", "dave");
        assertThat(directory.membersOf("Device-Managers")).containsExactly("carol");
        assertThat(IN_CHAIN.rewritten.get() - before).isEqualTo(2);
    }

    /** AD's LDAP_MATCHING_RULE_IN_CHAIN for {@code member} and {@code memberOf}, as an equivalent entryDN filter. */
    static final class InChain extends InMemoryOperationInterceptor {

        volatile InMemoryDirectoryServer server;
        final AtomicInteger rewritten = new AtomicInteger();

        @Override
        public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
            SearchRequest r = request.getRequest().duplicate();
            Filter rewrittenFilter = rewrite(r.getFilter());
            if (rewrittenFilter != r.getFilter()) {
                r.setFilter(rewrittenFilter);
                request.setRequest(r);
                rewritten.incrementAndGet();
            }
        }

        private Filter rewrite(Filter f) throws LDAPException {
            switch (f.getFilterType()) {
                case Filter.FILTER_TYPE_AND, Filter.FILTER_TYPE_OR -> {
                    List<Filter> parts = new ArrayList<>();
                    boolean changed = false;
                    for (Filter c : f.getComponents()) {
                        Filter n = rewrite(c);
                        changed |= n != c;
                        parts.add(n);
                    }
                    if (!changed) {
                        return f;
                    }
                    return f.getFilterType() == Filter.FILTER_TYPE_AND
                            ? Filter.createANDFilter(parts)
                            : Filter.createORFilter(parts);
                }
                case Filter.FILTER_TYPE_EXTENSIBLE_MATCH -> {
                    if (!LdapQueries.IN_CHAIN.equals(f.getMatchingRuleID())) {
                        return f;
                    }
                    Set<DN> dns = f.getAttributeName().equalsIgnoreCase("memberOf")
                            ? below(new DN(f.getAssertionValue()))
                            : above(new DN(f.getAssertionValue()));
                    List<Filter> any = new ArrayList<>();
                    dns.forEach(dn -> any.add(Filter.createEqualityFilter("entryDN", dn.toString())));
                    return any.isEmpty()
                            ? Filter.createNOTFilter(Filter.createPresenceFilter("objectClass"))
                            : Filter.createORFilter(any);
                }
                default -> {
                    return f;
                }
            }
        }

        /** Every group that holds {@code member} through a chain of groups. */
        private Set<DN> above(DN member) throws LDAPException {
            Set<DN> out = new HashSet<>();
            Deque<DN> todo = new ArrayDeque<>(List.of(member));
            while (!todo.isEmpty()) {
                for (SearchResultEntry g : server.search(
                                LdapTestServer.GROUPS,
                                SearchScope.SUB,
                                Filter.createEqualityFilter("member", todo.pop().toString()))
                        .getSearchEntries()) {
                    if (out.add(g.getParsedDN())) {
                        todo.add(g.getParsedDN());
                    }
                }
            }
            return out;
        }

        /** Every entry {@code group} holds through a chain of groups. */
        private Set<DN> below(DN group) throws LDAPException {
            Set<DN> out = new HashSet<>();
            Deque<DN> todo = new ArrayDeque<>(List.of(group));
            while (!todo.isEmpty()) {
                SearchResultEntry g = server.getEntry(todo.pop().toString(), "member");
                String[] members = g == null ? null : g.getAttributeValues("member");
                for (String m : members == null ? new String[0] : members) {
                    if (out.add(new DN(m))) {
                        todo.add(new DN(m));
                    }
                }
            }
            return out;
        }
    }
}
