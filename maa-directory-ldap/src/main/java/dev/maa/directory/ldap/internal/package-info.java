/** Implementation of the LDAP directory (connection pool, searches); not API, may change in any release. */
package dev.maa.directory.ldap.internal;
