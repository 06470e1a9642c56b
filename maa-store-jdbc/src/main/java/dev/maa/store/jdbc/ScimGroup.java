package dev.maa.store.jdbc;

import dev.maa.api.Identities;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A group as a SCIM client provisioned it ({@link JdbcScimStore}): its name is an approver group name of the
 * policies, compared in canonical form.
 *
 * @param id           the store's id for the group (a UUID), fixed at creation
 * @param displayName  the group's name as the client spelled it
 * @param externalId   the client's own id for the group, or {@code null}
 * @param members      the store ids of its member users
 * @param version      the resource's version, raised by every write (its ETag)
 * @param created      when it was created
 * @param lastModified when it last changed
 */
public record ScimGroup(
        String id,
        String displayName,
        String externalId,
        Set<String> members,
        long version,
        Instant created,
        Instant lastModified) {

    public ScimGroup {
        Objects.requireNonNull(displayName, "displayName");
        members = members == null ? Set.of() : Set.copyOf(new TreeSet<>(members));
    }

    /** A group to create: the store gives it its id, version and times. */
    public static ScimGroup draft(String displayName, String externalId, Set<String> members) {
        return new ScimGroup(null, displayName, externalId, members, 0, null, null);
    }

    /** This group with the given client-writable values; id, version and times unchanged. */
    public ScimGroup with(String newDisplayName, String newExternalId, Set<String> newMembers) {
        return new ScimGroup(id, newDisplayName, newExternalId, newMembers, version, created, lastModified);
    }

    /**
     * The group's name in canonical form, as approver groups compare.
     *
     * @throws dev.maa.api.InvalidIdentityException if the name has none
     */
    public String canonicalName() {
        return Identities.canonical(displayName);
    }
}
