/**
 * {@link dev.maa.directory.ldap.LdapDirectory}, a {@link dev.maa.api.Directory} over LDAP or Active Directory, and
 * its settings ({@link dev.maa.directory.ldap.LdapSettings}, the {@code directory.ldap} section of
 * {@code maa.yaml}). See {@code docs/identity.md}, "LDAP and Active Directory".
 */
package dev.maa.directory.ldap;
