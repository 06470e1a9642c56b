package dev.maa.store.jdbc;

import dev.maa.api.Identities;
import java.time.Instant;
import java.util.Objects;

/**
 * A user as a SCIM client provisioned it ({@link JdbcScimStore}). The store keeps the attributes that decide reviews
 * in columns of their own ({@code userName}, {@code active}) and the rest of the resource as the client sent it, as
 * JSON text it never interprets.
 *
 * @param id           the store's id for the user (a UUID), fixed at creation
 * @param userName     the user name as the client spelled it; the principal id is its canonical form
 * @param externalId   the client's own id for the user, or {@code null}
 * @param active       whether the user may act; {@code false} is SCIM's deprovisioning
 * @param attributes   the other attributes of the resource, a JSON object as text (never a password)
 * @param version      the resource's version, raised by every write (its ETag)
 * @param created      when it was created
 * @param lastModified when it last changed
 */
public record ScimUser(
        String id,
        String userName,
        String externalId,
        boolean active,
        String attributes,
        long version,
        Instant created,
        Instant lastModified) {

    public ScimUser {
        Objects.requireNonNull(userName, "userName");
        attributes = attributes == null || attributes.isBlank() ? "{}" : attributes;
    }

    /** A user to create: the store gives it its id, version and times. */
    public static ScimUser draft(String userName, String externalId, boolean active, String attributes) {
        return new ScimUser(null, userName, externalId, active, attributes, 0, null, null);
    }

    /** This user with the given client-writable values; id, version and times unchanged. */
    public ScimUser with(String newUserName, String newExternalId, boolean newActive, String newAttributes) {
        return new ScimUser(id, newUserName, newExternalId, newActive, newAttributes, version, created, lastModified);
    }

    /**
     * The principal id this user reviews as: the canonical form of {@code userName} ({@link Identities}).
     *
     * @throws dev.maa.api.InvalidIdentityException if the user name has none
     */
    public String principalId() {
        return Identities.canonical(userName);
    }
}
