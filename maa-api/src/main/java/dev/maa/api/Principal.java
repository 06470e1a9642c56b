package dev.maa.api;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated administrator: an id plus the groups and roles it holds at the time it was read.
 *
 * <p>Group membership that matters for reviews is re-read from the {@link Directory} when the review
 * happens, never trusted from an old {@code Principal}. Ids and group names compare by their canonical form
 * ({@link Identities}); entry points build principals with {@link #canonical()} so a refused spelling fails there.
 */
public record Principal(String id, Set<String> groups, Set<String> roles) {

    public Principal {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A principal id must not be blank");
        }
        groups = Set.copyOf(groups == null ? Set.of() : groups);
        roles = Set.copyOf(roles == null ? Set.of() : roles);
    }

    public static Principal of(String id, String... groups) {
        return new Principal(id, Set.of(groups), Set.of());
    }

    /** This principal with its id in canonical form. @throws InvalidIdentityException if the id has none */
    public Principal canonical() {
        String c = Identities.canonical(id);
        return c.equals(id) ? this : new Principal(c, groups, roles);
    }

    /** Whether {@code group} is one of this principal's groups, compared canonically. */
    public boolean isMemberOf(String group) {
        return groups.contains(group) || Identities.contains(groups, group);
    }
}
