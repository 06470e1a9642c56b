package dev.maa.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Directory;
import dev.maa.api.Identities;
import dev.maa.api.Principal;
import dev.maa.core.view.StoredJson;
import dev.maa.store.jdbc.internal.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link Directory} of SCIM-provisioned users and groups ({@link JdbcScimStore#directory()}): every lookup reads
 * the database, so {@link #find} and {@link #findFresh} are the same and a change a SCIM client made counts at the
 * next review. An inactive user is not found; a database that cannot be read throws
 * {@link dev.maa.api.StoreUnavailableException}, so a review is refused, never allowed.
 */
final class ScimDirectory implements Directory {

    private final Db db;

    ScimDirectory(Db db) {
        this.db = db;
    }

    /** The active user whose canonical user name is that of {@code principalId}, with its groups' names. */
    @Override
    public Optional<Principal> find(String principalId) {
        String key = Identities.key(principalId);
        return db.read("find a directory user", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.user_key, g.display_name FROM maa_scim_user u"
                    + " LEFT JOIN maa_scim_member m ON m.user_id = u.id"
                    + " LEFT JOIN maa_scim_group g ON g.id = m.group_id"
                    + " WHERE u.user_key = ? AND u.active = TRUE")) {
                ps.setString(1, key);
                String id = null;
                Set<String> groups = new TreeSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        id = rs.getString(1);
                        if (rs.getString(2) != null) {
                            groups.add(rs.getString(2));
                        }
                    }
                }
                return id == null ? Optional.<Principal>empty() : Optional.of(new Principal(id, groups, Set.of()));
            }
        });
    }

    /** The canonical ids of the active members of the group whose canonical name is that of {@code group}. */
    @Override
    public Set<String> membersOf(String group) {
        String key = Identities.key(group);
        return db.read("list a directory group's members", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.user_key FROM maa_scim_group g"
                    + " JOIN maa_scim_member m ON m.group_id = g.id JOIN maa_scim_user u ON u.id = m.user_id"
                    + " WHERE g.display_key = ? AND u.active = TRUE")) {
                ps.setString(1, key);
                Set<String> out = new TreeSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return Set.copyOf(out);
            }
        });
    }

    /**
     * The address notifications reach an active user at: of the {@code emails} the client provisioned, the one marked
     * {@code primary}, else the {@code work} one, else the first; empty when it sent none (the e-mail channel then uses
     * its address template).
     */
    @Override
    public Optional<String> emailOf(String principalId) {
        String key = Identities.key(principalId);
        String attributes = db.read("read a directory user's addresses", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT attributes FROM maa_scim_user WHERE user_key = ? AND active = TRUE")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return attributes == null ? Optional.empty() : email(attributes);
    }

    static Optional<String> email(String attributes) {
        JsonNode stored = StoredJson.readOrNull(attributes);
        if (stored == null) {
            return Optional.empty(); // written by this store as JSON; a row altered outside MAA gets the template
        }
        JsonNode emails = stored.path("emails");
        JsonNode chosen = null;
        for (JsonNode e : emails) {
            if (e.path("value").isTextual() && !e.path("value").asText().isBlank()) {
                if (e.path("primary").asBoolean(false)) {
                    chosen = e;
                    break;
                }
                if (chosen == null
                        || "work".equals(e.path("type").asText())
                                && !"work".equals(chosen.path("type").asText())) {
                    chosen = e;
                }
            }
        }
        return chosen == null
                ? Optional.empty()
                : Optional.of(chosen.path("value").asText().strip());
    }

    @Override
    public String toString() {
        return "SCIM directory in " + db;
    }
}
