package dev.maa.api;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Identities and group membership, as of now. Reviews check membership here at review time.
 *
 * <p>Implementations find principals by the canonical form of their id ({@link Identities#same}), so a lookup of
 * {@code Alice} finds {@code alice}.
 */
public interface Directory {

    /** The principal with its current groups, or empty if unknown. A cache may answer. */
    Optional<Principal> find(String principalId);

    /**
     * The principal as the source says at this moment, past any cache: used when a review is decided, so that a
     * principal removed from an approver group can no longer approve. Defaults to {@link #find}.
     */
    default Optional<Principal> findFresh(String principalId) {
        return find(principalId);
    }

    /** Current members of a group (for notifications). */
    Set<String> membersOf(String group);

    default Set<String> groupsOf(String principalId) {
        return find(principalId).map(Principal::groups).orElse(Set.of());
    }

    /**
     * The principal's e-mail address as the directory lists it (LDAP's {@code mail}), so notifications reach the
     * members {@link #membersOf} names; empty when unknown or when the directory keeps none (the default).
     */
    default Optional<String> emailOf(String principalId) {
        return Optional.empty();
    }

    /**
     * How old, at most, the membership a review is decided on may be: the bound on how long a change in the source
     * (a user removed from an approver group) takes to reach reviews, shown by {@code maa whoami}. Zero (the default)
     * when {@link #findFresh} asks the source itself; a cache's time to live otherwise (LDAP's {@code cache_ttl}).
     */
    default Duration reviewStaleness() {
        return Duration.ZERO;
    }
}
