package dev.maa.core.directory;

import dev.maa.api.Directory;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A fixed set of users and their groups, from a YAML file or from code; the embedded default's directory.
 *
 * <pre>{@code
 * users:
 *   - id: alice
 *     groups: [Device-Managers]
 *   - id: bob
 *     groups: [Security-Team, Device-Managers]
 *     roles: [auditor]
 * }</pre>
 *
 * Users are found by the canonical form of their id ({@link Identities}); group names keep their spelling and
 * compare canonically. Immutable: to change membership, load a new one ({@link UsersFileDirectory} re-reads a
 * users file when it changes; hosts with an identity provider implement {@link Directory} over it).
 */
public final class StaticDirectory implements Directory {

    private final Map<String, Principal> users;

    private StaticDirectory(Map<String, Principal> users) {
        this.users = Map.copyOf(users);
    }

    public static StaticDirectory empty() {
        return new StaticDirectory(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads a users file. @throws MaaConfigurationException naming the file and the problem */
    public static StaticDirectory fromYaml(Path file) {
        try {
            return fromYaml(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new MaaConfigurationException("Cannot read users file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads users YAML; {@code source} names it in messages. */
    public static StaticDirectory fromYaml(InputStream in, String source) {
        try {
            return fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new MaaConfigurationException("Cannot read users file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Reads users YAML text; {@code source} names it in messages. See {@link UsersYaml} for what is refused. */
    public static StaticDirectory fromYaml(String text, String source) {
        return fromEntries(UsersYaml.parse(text, source));
    }

    /** A directory of already checked users file entries. */
    public static StaticDirectory fromEntries(List<UsersYaml.Entry> entries) {
        Builder b = builder();
        entries.forEach(e -> b.user(new Principal(e.id(), e.groups(), e.roles())));
        return b.build();
    }

    /** The user {@code principalId} names canonically; nobody for an id without canonical form (fail closed). */
    @Override
    public Optional<Principal> find(String principalId) {
        try {
            return Optional.ofNullable(users.get(Identities.canonical(principalId)));
        } catch (InvalidIdentityException e) {
            return Optional.empty();
        }
    }

    @Override
    public Set<String> membersOf(String group) {
        Set<String> members = new TreeSet<>();
        users.values().forEach(p -> {
            if (p.isMemberOf(group)) {
                members.add(p.id());
            }
        });
        return members;
    }

    public Set<String> userIds() {
        return new TreeSet<>(users.keySet());
    }

    /** Collects users; a second entry for the same id is an error. */
    public static final class Builder {
        private final Map<String, Principal> users = new LinkedHashMap<>();

        private Builder() {}

        public Builder user(String id, String... groups) {
            return user(Principal.of(id, groups));
        }

        /**
         * Adds a user under the canonical form of its id.
         *
         * @throws InvalidIdentityException if the id has no canonical form
         * @throws MaaConfigurationException if the same user (canonically) is already listed
         */
        public Builder user(Principal p) {
            Principal c = p.canonical();
            Principal before = users.putIfAbsent(c.id(), c);
            if (before != null) {
                throw new MaaConfigurationException("User '" + p.id() + "' is listed twice (as '" + before.id()
                        + "' and '" + p.id() + "', the same id ignoring case, width and surrounding spaces);"
                        + " merge the entries");
            }
            return this;
        }

        public StaticDirectory build() {
            return new StaticDirectory(users);
        }
    }
}
