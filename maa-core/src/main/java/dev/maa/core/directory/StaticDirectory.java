package dev.maa.core.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maa.api.Directory;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Principal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * Immutable: to change membership, load a new one (hosts that need live membership implement
 * {@link Directory} over their identity provider).
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
        try (InputStream in = Files.newInputStream(file)) {
            return fromYaml(in, file.toString());
        } catch (IOException e) {
            throw new MaaConfigurationException("Cannot read users file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads users YAML; {@code source} names it in messages. */
    public static StaticDirectory fromYaml(InputStream in, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new MaaConfigurationException("Users file " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.path("users").isArray()) {
            throw new MaaConfigurationException("Users file " + source + " must have a top-level 'users' list,"
                    + " e.g. users: [{id: alice, groups: [Device-Managers]}]");
        }
        Builder b = builder();
        int i = 0;
        for (JsonNode u : root.get("users")) {
            String id = u.path("id").asText("");
            if (id.isBlank()) {
                throw new MaaConfigurationException("Users file " + source + ": users[" + i + "] has no id");
            }
            b.user(new Principal(id, strings(u.path("groups")), strings(u.path("roles"))));
            i++;
        }
        return b.build();
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public Optional<Principal> find(String principalId) {
        return Optional.ofNullable(users.get(principalId));
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

        private Builder() {
        }

        public Builder user(String id, String... groups) {
            return user(Principal.of(id, groups));
        }

        public Builder user(Principal p) {
            if (users.putIfAbsent(p.id(), p) != null) {
                throw new MaaConfigurationException("User '" + p.id() + "' is listed twice; merge the entries");
            }
            return this;
        }

        public StaticDirectory build() {
            return new StaticDirectory(users);
        }
    }
}
