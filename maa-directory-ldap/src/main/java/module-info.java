/**
 * MAA's directory over LDAP and Active Directory: approver groups (nested ones included) read from the
 * organisation's directory at review time, cached for a bounded time, failing closed. Exports only
 * {@code dev.maa.directory.ldap}; {@code dev.maa.directory.ldap.internal} holds the pool and the searches.
 */
module dev.maa.directory.ldap {
    requires transitive dev.maa.api;
    requires transitive dev.maa.core;
    requires transitive unboundid.ldapsdk;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.maa.directory.ldap;
}
