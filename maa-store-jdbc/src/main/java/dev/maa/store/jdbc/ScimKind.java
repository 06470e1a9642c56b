package dev.maa.store.jdbc;

import dev.maa.api.AuditEventType;
import dev.maa.store.jdbc.internal.ScimRows;
import dev.maa.store.jdbc.internal.ScimRows.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What SCIM users and groups differ in for {@link JdbcScimStore}: their table, names, rows and audit event types.
 *
 * <p>Why: the store creates, lists, replaces and deletes both the same way (a name unique in canonical form, a version
 * raised by every write, the change and its {@code DIRECTORY_*} events in one transaction); with the differences
 * here it writes that shape once, so a fix to one resource cannot miss the other.
 *
 * @param <T>            {@link ScimUser} or {@link ScimGroup}
 * @param table          the rows' table
 * @param noun           what one is called in operation names and audit details
 * @param nameAttribute  the attribute a name conflict names
 * @param relatedName    the detail key of what a removal also ends (the user's groups, the group's members)
 * @param name           the name as the client spelled it
 * @param key            the name's canonical form, unique per table (throws {@code InvalidIdentityException})
 * @param fresh          a draft with its new id, version 1 and times
 * @param next           the values asked for over the old row: its id and creation, the next version
 * @param addedDetail    name/value pairs the creation event records beside the name and id
 * @param related        what a removal also ends, read before the row goes
 */
record ScimKind<T>(
        Table table,
        String noun,
        String nameAttribute,
        AuditEventType added,
        AuditEventType renamed,
        AuditEventType removed,
        String relatedName,
        Function<T, String> name,
        Function<T, String> key,
        Fresh<T> fresh,
        Next<T> next,
        Function<T, List<Object>> addedDetail,
        Read<T> read,
        Page<T> page,
        Write<T> insert,
        Write<T> update,
        Related<T> related) {

    static final ScimKind<ScimUser> USERS = new ScimKind<>(
            Table.USER,
            "user",
            "userName",
            AuditEventType.DIRECTORY_USER_ADDED,
            AuditEventType.DIRECTORY_USER_RENAMED,
            AuditEventType.DIRECTORY_USER_REMOVED,
            "groups",
            ScimUser::userName,
            ScimUser::principalId,
            (u, id, now) -> new ScimUser(id, u.userName(), u.externalId(), u.active(), u.attributes(), 1, now, now),
            (asked, old, now) -> new ScimUser(
                    old.id(),
                    asked.userName(),
                    asked.externalId(),
                    asked.active(),
                    asked.attributes(),
                    old.version() + 1,
                    old.created(),
                    now),
            u -> List.of("active", u.active()),
            ScimRows::user,
            ScimRows::userPage,
            ScimRows::insertUser,
            ScimRows::updateUser,
            (c, u) -> ScimRows.groupNamesOf(c, u.id()));

    static final ScimKind<ScimGroup> GROUPS = new ScimKind<>(
            Table.GROUP,
            "group",
            "group displayName",
            AuditEventType.DIRECTORY_GROUP_ADDED,
            AuditEventType.DIRECTORY_GROUP_RENAMED,
            AuditEventType.DIRECTORY_GROUP_REMOVED,
            "members",
            ScimGroup::displayName,
            ScimGroup::canonicalName,
            (g, id, now) -> new ScimGroup(id, g.displayName(), g.externalId(), g.members(), 1, now, now),
            (asked, old, now) -> new ScimGroup(
                    old.id(),
                    asked.displayName(),
                    asked.externalId(),
                    asked.members(),
                    old.version() + 1,
                    old.created(),
                    now),
            g -> List.of(),
            ScimRows::group,
            ScimRows::groupPage,
            ScimRows::insertGroup,
            ScimRows::updateGroup,
            (c, g) -> new TreeSet<>(ScimRows.userKeys(c, g.members()).values()));

    interface Fresh<T> {
        T of(T draft, String id, Instant now);
    }

    interface Next<T> {
        T of(T asked, T old, Instant now);
    }

    /** The row {@code id}; {@code lock} holds it until the transaction ends. */
    interface Read<T> {
        Optional<T> of(Connection c, String id, boolean lock) throws SQLException;
    }

    /** A page in creation order, only the rows whose key is {@code key} if not null. */
    interface Page<T> {
        List<T> of(Connection c, String key, long offset, int limit) throws SQLException;
    }

    /** Writes {@code row} (an update: over the row of the version before it). */
    interface Write<T> {
        void to(Connection c, T row, String key) throws SQLException;
    }

    interface Related<T> {
        Set<String> of(Connection c, T row) throws SQLException;
    }
}
