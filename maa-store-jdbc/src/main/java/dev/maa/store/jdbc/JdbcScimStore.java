package dev.maa.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.Directory;
import dev.maa.api.Identities;
import dev.maa.store.jdbc.internal.AuditRows;
import dev.maa.store.jdbc.internal.Db;
import dev.maa.store.jdbc.internal.RequestCodec;
import dev.maa.store.jdbc.internal.ScimRows;
import dev.maa.store.jdbc.internal.SqlErrors;
import dev.maa.store.jdbc.internal.Times;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Users and groups provisioned by SCIM 2.0, in the request store's database (tables {@code maa_scim_user},
 * {@code maa_scim_group}, {@code maa_scim_member}, migrated with the store's schema, 1.9.1), and the
 * {@link #directory() Directory} they make: who is in which approver group, read at review time.
 *
 * <p>Why here: membership decides who may approve, so a change a SCIM client was told succeeded must survive a
 * crash, and an unreachable database must refuse reviews rather than answer from memory. Every write is one
 * {@link Db#inTransaction} of the store, which returns once the commit is on the disk (PostgreSQL's WAL flush; on
 * the H2 file the store's group flush, {@code CHECKPOINT SYNC}; the transition log covers request rows only), and
 * stages its audit events ({@code DIRECTORY_*}) in that same transaction, so a change and its record commit together.
 * User names and group names are unique in canonical form ({@link dev.maa.api.Identities}), checked here and by a
 * unique index.
 */
public final class JdbcScimStore {

    /** The actor of the audit events SCIM writes. */
    public static final String ACTOR = "scim";

    private final Db db;
    private final Clock clock;

    private JdbcScimStore(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The SCIM users and groups kept in {@code store}'s database (its schema is migrated when the store opens). */
    public static JdbcScimStore of(JdbcRequestStore store) {
        return new JdbcScimStore(Objects.requireNonNull(store, "store").db(), Clock.systemUTC());
    }

    /**
     * The directory of these users and groups: a principal is an active user found by the canonical form of its
     * user name, its groups the names of the groups it is in. No cache: a deactivated, deleted or removed user is
     * refused at the next review, and a database that cannot be read refuses it too (fail closed).
     */
    public Directory directory() {
        return new ScimDirectory(db);
    }

    /**
     * Creates {@code draft} with a new id, version 1; returns it once it is durable.
     *
     * @throws dev.maa.api.InvalidIdentityException if the user name has no canonical form
     * @throws ScimConflictException if another user has the same canonical user name
     */
    public ScimUser createUser(ScimUser draft) {
        return create(ScimKind.USERS, draft, (c, u, now) -> List.of());
    }

    public Optional<ScimUser> user(String id) {
        return db.read("read a SCIM user", c -> ScimRows.user(c, id, false));
    }

    /** A page of users in creation order, only those whose user name is {@code userName} in canonical form if given. */
    public ScimPage<ScimUser> users(String userName, long offset, int limit) {
        return page(ScimKind.USERS, userName, offset, limit);
    }

    /**
     * Replaces user {@code id} by what {@code change} makes of it (called with the row locked; it may throw to refuse,
     * e.g. on an ETag mismatch, and nothing is written); raises its version. Empty if there is no such user.
     */
    public Optional<ScimUser> updateUser(String id, UnaryOperator<ScimUser> change) {
        return update(ScimKind.USERS, id, change, (c, old, next, key, now) -> {
            if (old.active() == next.active()) {
                return List.of();
            }
            AuditEventType type = next.active()
                    ? AuditEventType.DIRECTORY_USER_REACTIVATED
                    : AuditEventType.DIRECTORY_USER_DEACTIVATED;
            return List.of(event(now, type, "user", key, "id", id, "groups", ScimRows.groupNamesOf(c, id)));
        });
    }

    /**
     * Deletes user {@code id} (and its memberships) once {@code precondition} accepted it (it may throw to refuse);
     * returns what was deleted, or empty if there is no such user.
     */
    public Optional<ScimUser> deleteUser(String id, Consumer<ScimUser> precondition) {
        return delete(ScimKind.USERS, id, precondition);
    }

    /**
     * Creates {@code draft} with a new id, version 1, and its members; returns it once it is durable.
     *
     * @throws dev.maa.api.InvalidIdentityException if the name has no canonical form
     * @throws ScimConflictException if another group has the same canonical name, or a member is no user
     */
    public ScimGroup createGroup(ScimGroup draft) {
        return create(
                ScimKind.GROUPS,
                draft,
                (c, g, now) -> changeMembers(c, g.id(), g.displayName(), Set.of(), g.members(), now));
    }

    public Optional<ScimGroup> group(String id) {
        return db.inSnapshot("read a SCIM group", c -> ScimRows.group(c, id, false));
    }

    /** A page of groups in creation order, only those whose name is {@code displayName} in canonical form if given. */
    public ScimPage<ScimGroup> groups(String displayName, long offset, int limit) {
        return page(ScimKind.GROUPS, displayName, offset, limit);
    }

    /**
     * Replaces group {@code id} (name, external id, members) by what {@code change} makes of it (called with the row
     * locked; it may throw to refuse); raises its version and audits each member added or removed. Empty if there is
     * no such group.
     */
    public Optional<ScimGroup> updateGroup(String id, UnaryOperator<ScimGroup> change) {
        return update(
                ScimKind.GROUPS,
                id,
                change,
                (c, old, next, key, now) ->
                        changeMembers(c, id, next.displayName(), old.members(), next.members(), now));
    }

    /**
     * Deletes group {@code id} once {@code precondition} accepted it (it may throw to refuse); returns what was
     * deleted, or empty if there is no such group.
     */
    public Optional<ScimGroup> deleteGroup(String id, Consumer<ScimGroup> precondition) {
        return delete(ScimKind.GROUPS, id, precondition);
    }

    /** The events a creation writes after its own (a group's members). */
    private interface Created<T> {
        List<AuditEvent> events(Connection c, T created, Instant now) throws SQLException;
    }

    /** The events a replacement writes after a rename (a user's activation, a group's members). */
    private interface Changed<T> {
        List<AuditEvent> events(Connection c, T old, T next, String key, Instant now) throws SQLException;
    }

    private <T> T create(ScimKind<T> kind, T draft, Created<T> more) {
        String key = kind.key().apply(draft);
        String name = kind.name().apply(draft);
        String id = UUID.randomUUID().toString();
        Instant now = now();
        T row = kind.fresh().of(draft, id, now);
        return db.inTransaction("create a SCIM " + kind.noun(), c -> {
            requireFree(c, kind, key, name, id);
            insert(c, kind, key, name, () -> kind.insert().to(c, row, key));
            List<AuditEvent> events = new ArrayList<>();
            List<Object> detail = new ArrayList<>(List.of(kind.noun(), key, "id", id));
            detail.addAll(kind.addedDetail().apply(row));
            events.add(event(now, kind.added(), detail.toArray()));
            events.addAll(more.events(c, row, now));
            stage(c, events);
            return row;
        });
    }

    private <T> ScimPage<T> page(ScimKind<T> kind, String name, long offset, int limit) {
        String key = name == null ? null : keyOrNull(name);
        if (name != null && key == null) {
            return new ScimPage<>(List.of(), 0);
        }
        return db.inSnapshot(
                "list SCIM " + kind.noun() + "s",
                c -> new ScimPage<>(
                        limit == 0 ? List.of() : kind.page().of(c, key, offset, limit),
                        ScimRows.count(c, kind.table(), key)));
    }

    private <T> Optional<T> update(ScimKind<T> kind, String id, UnaryOperator<T> change, Changed<T> more) {
        return db.inTransaction("update a SCIM " + kind.noun(), c -> {
            Optional<T> found = kind.read().of(c, id, true);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            T old = found.get();
            T asked = change.apply(old);
            String key = kind.key().apply(asked);
            String oldKey = keyOrNull(kind.name().apply(old));
            Instant now = now();
            T next = kind.next().of(asked, old, now);
            String name = kind.name().apply(next);
            requireFree(c, kind, key, name, id);
            insert(c, kind, key, name, () -> kind.update().to(c, next, key));
            List<AuditEvent> events = new ArrayList<>();
            if (!key.equals(oldKey)) {
                events.add(event(now, kind.renamed(), kind.noun(), key, "id", id, "from", oldKey));
            }
            events.addAll(more.events(c, old, next, key, now));
            stage(c, events);
            return Optional.of(next);
        });
    }

    private <T> Optional<T> delete(ScimKind<T> kind, String id, Consumer<T> precondition) {
        return db.inTransaction("delete a SCIM " + kind.noun(), c -> {
            Optional<T> found = kind.read().of(c, id, true);
            if (found.isEmpty()) {
                return found;
            }
            precondition.accept(found.get());
            Set<String> related = kind.related().of(c, found.get());
            ScimRows.delete(c, kind.table(), id);
            String key = keyOrNull(kind.name().apply(found.get()));
            stage(c, event(now(), kind.removed(), kind.noun(), key, "id", id, kind.relatedName(), related));
            return found;
        });
    }

    /** Writes the membership change from {@code before} to {@code after}; returns its audit events. */
    private static List<AuditEvent> changeMembers(
            Connection c, String groupId, String groupName, Set<String> before, Set<String> after, Instant now)
            throws SQLException {
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        Set<String> touched = new TreeSet<>(added);
        touched.addAll(removed);
        Map<String, String> keys = ScimRows.userKeys(c, touched);
        for (String userId : added) {
            if (!keys.containsKey(userId)) {
                throw ScimConflictException.unknownMember(userId);
            }
        }
        ScimRows.setMembers(c, groupId, removed, false);
        ScimRows.setMembers(c, groupId, added, true);
        String group = keyOrNull(groupName);
        List<AuditEvent> events = new ArrayList<>();
        for (String userId : added) {
            events.add(event(
                    now,
                    AuditEventType.DIRECTORY_MEMBER_ADDED,
                    "user",
                    keys.get(userId),
                    "group",
                    group,
                    "id",
                    userId));
        }
        for (String userId : removed) {
            events.add(event(
                    now,
                    AuditEventType.DIRECTORY_MEMBER_REMOVED,
                    "user",
                    keys.get(userId),
                    "group",
                    group,
                    "id",
                    userId));
        }
        return events;
    }

    /** Refuses {@code key} when a row other than {@code selfId} has it, naming that row. */
    private static void requireFree(Connection c, ScimKind<?> kind, String key, String name, String selfId)
            throws SQLException {
        Optional<String> holder = ScimRows.idByKey(c, kind.table(), key);
        if (holder.isPresent() && !holder.get().equals(selfId)) {
            throw ScimConflictException.taken(kind.nameAttribute(), name, key, holder.get());
        }
    }

    /** A write whose unique key a concurrent write may have taken since {@link #requireFree}. */
    private interface Write {
        void run() throws SQLException;
    }

    private static void insert(Connection c, ScimKind<?> kind, String key, String name, Write write)
            throws SQLException {
        try {
            write.run();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e, null)) {
                throw ScimConflictException.taken(kind.nameAttribute(), name, key, "written at the same time");
            }
            throw e;
        }
    }

    private void stage(Connection c, AuditEvent event) throws SQLException {
        stage(c, List.of(event));
    }

    private void stage(Connection c, List<AuditEvent> events) throws SQLException {
        if (!events.isEmpty()) {
            AuditRows.stage(c, db.auditChain(), events);
        }
    }

    /** An audit event by {@link #ACTOR} with a JSON detail of the given name/value pairs. */
    private static AuditEvent event(Instant at, AuditEventType type, Object... pairs) {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            detail.put((String) pairs[i], pairs[i + 1]);
        }
        detail.put("source", ACTOR);
        try {
            return new AuditEvent(at, "", ACTOR, type, RequestCodec.mapper().writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the detail of " + type + " as JSON", e);
        }
    }

    /** The canonical form of a stored name (written canonical-checked, so never absent unless altered outside). */
    private static String keyOrNull(String name) {
        return Identities.isValid(name) ? Identities.canonical(name) : null;
    }

    private Instant now() {
        return Times.normalize(clock.instant());
    }
}
