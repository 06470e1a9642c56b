package dev.maa.api;

import java.util.Optional;
import java.util.Set;

/**
 * Identities and group membership, as of now. Reviews check membership here at review time.
 */
public interface Directory {

    /** The principal with its current groups, or empty if unknown. */
    Optional<Principal> find(String principalId);

    /** Current members of a group (for notifications). */
    Set<String> membersOf(String group);

    default Set<String> groupsOf(String principalId) {
        return find(principalId).map(Principal::groups).orElse(Set.of());
    }
}
