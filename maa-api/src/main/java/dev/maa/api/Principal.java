package dev.maa.api;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated administrator: an id plus the groups and roles it holds at the time it was read.
 *
 * <p>Group membership that matters for reviews is re-read from the {@link Directory} when the review
 * happens, never trusted from an old {@code Principal}.
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

    public boolean isMemberOf(String group) {
        return groups.contains(group);
    }
}
