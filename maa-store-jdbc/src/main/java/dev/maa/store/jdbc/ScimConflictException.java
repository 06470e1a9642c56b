package dev.maa.store.jdbc;

import dev.maa.api.MaaCallerException;

/**
 * A SCIM write refused by the directory's rules: a user name or group name whose canonical form another user or group
 * already has ({@link Reason#UNIQUENESS}: two spellings of one name must never be two identities), or a group member
 * that is not a provisioned user ({@link Reason#UNKNOWN_MEMBER}). Nothing was written.
 */
public final class ScimConflictException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    /** Why the write was refused. */
    public enum Reason {
        /** The canonical name is taken (SCIM {@code uniqueness}, 409). */
        UNIQUENESS,
        /** A member id names no provisioned user (SCIM {@code invalidValue}, 400). */
        UNKNOWN_MEMBER
    }

    private final Reason reason;

    private ScimConflictException(Reason reason, String message) {
        super(reason == Reason.UNIQUENESS ? Kind.CONFLICT : Kind.INVALID_INPUT, message);
        this.reason = reason;
    }

    static ScimConflictException taken(String what, String name, String canonical, String existingId) {
        return new ScimConflictException(
                Reason.UNIQUENESS,
                "The " + what + " '" + name + "' has the canonical form '" + canonical + "', which the existing " + what
                        + " " + existingId + " already has. Update that resource (or delete it first) instead"
                        + " of creating a second spelling of the same identity.");
    }

    static ScimConflictException unknownMember(String memberId) {
        return new ScimConflictException(
                Reason.UNKNOWN_MEMBER,
                "The member '" + shown(memberId)
                        + "' is not a provisioned user. Create the user first (POST /Users); members"
                        + " are users, named by the id the server gave them.");
    }

    private static String shown(String id) {
        String s = String.valueOf(id).replaceAll("[^\\p{Graph}]", "?");
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    public Reason reason() {
        return reason;
    }
}
