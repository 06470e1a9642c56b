package dev.maa.core.testing;

import dev.maa.api.Directory;
import dev.maa.api.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** A directory whose membership tests change while requests are open (e.g. removal after submit). */
public final class TestDirectory implements Directory {

    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();

    public TestDirectory user(String id, String... memberOf) {
        groups.put(id, Set.of(memberOf));
        return this;
    }

    public TestDirectory removeFromGroup(String id, String group) {
        groups.computeIfPresent(id, (k, g) -> {
            Set<String> left = new TreeSet<>(g);
            left.remove(group);
            return Set.copyOf(left);
        });
        return this;
    }

    public TestDirectory remove(String id) {
        groups.remove(id);
        return this;
    }

    @Override
    public Optional<Principal> find(String principalId) {
        Set<String> g = groups.get(principalId);
        return g == null ? Optional.empty() : Optional.of(new Principal(principalId, g, Set.of()));
    }

    @Override
    public Set<String> membersOf(String group) {
        Set<String> members = new TreeSet<>();
        groups.forEach((id, g) -> {
            if (g.contains(group)) {
                members.add(id);
            }
        });
        return members;
    }
}
