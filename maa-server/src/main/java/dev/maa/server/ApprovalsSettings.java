package dev.maa.server;

import dev.maa.core.config.ConfigSection;
import dev.maa.core.signing.Anchors;
import dev.maa.core.signing.TrustedKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code approvals:} section of {@code maa serve}'s config: passkey-signed approvals (docs/security.md).
 *
 * <pre>{@code
 * approvals:
 *   rp_id: maa.example.com                  # the WebAuthn relying-party id passkeys are registered for (a host name)
 *   origins: [https://maa.example.com]      # the console's origins; an assertion from any other is refused
 *   anchors: ~/.maa/anchors                 # the anchor public keys (`maa keys anchor create` prints a line)
 *   aaguids: [ee882879-721c-4913-9775-3dfcce97072a]  # optional: only these authenticator models may register
 *   enrollment_approvals: 2                 # optional: other admins' trusted keys that must approve a key (at least 2)
 * }</pre>
 *
 * <p>Why the anchors come from a file named here and nowhere else: they are the only root of trust for approver keys,
 * so the database and the server's API can never add one. Without this section the server verifies no signature,
 * and requests of {@code approval_assurance: passkey} policies are refused at completion (fail closed).
 *
 * @param rpId        the relying-party id, or {@code null} when the section is absent
 * @param origins     the console's origins
 * @param anchorsFile where the anchors were read from
 * @param anchors     the anchors read at start-up
 * @param aaguids     the authenticator models allowed to register; empty: any
 * @param enrollmentApprovals how many other admins' trusted keys must approve a key enrolled by request
 */
public record ApprovalsSettings(
        String rpId,
        Set<String> origins,
        Path anchorsFile,
        Anchors anchors,
        Set<UUID> aaguids,
        int enrollmentApprovals) {

    /** The section's keys. */
    public static final Set<String> KEYS = Set.of("rp_id", "origins", "anchors", "aaguids", "enrollment_approvals");

    /** No passkey approvals: the default. */
    public static final ApprovalsSettings NONE =
            new ApprovalsSettings(null, Set.of(), null, null, Set.of(), TrustedKeys.ApprovalRule.DEFAULT_APPROVALS);

    /** The most other admins' approvals a key enrolled by request may be set to need. */
    static final int MAX_ENROLLMENT_APPROVALS = 100;

    private static final Pattern HOST =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public ApprovalsSettings {
        origins = Set.copyOf(origins);
        aaguids = Set.copyOf(aaguids);
    }

    /** Whether passkey approvals are configured. */
    public boolean enabled() {
        return anchors != null;
    }

    /**
     * Reads the {@code approvals} section of {@code root}, relative paths under {@code home}; refuses, naming the key
     * and what to do, a missing or unreadable anchors file, an rp_id that is not a host name, an origin that is not
     * https (http only for localhost) or not on the rp_id's host, and an AAGUID that is not a UUID.
     */
    static ApprovalsSettings from(ConfigSection root, Path home) {
        ConfigSection a = root.section("approvals").requireKnownKeys(KEYS);
        if (a.isEmpty()) {
            return NONE;
        }
        String rpId = a.string("rp_id")
                .orElseThrow(() ->
                        a.error("rp_id", "is required: the host name the console is served on, e.g. maa.example.com"));
        if (!HOST.matcher(rpId).matches()) {
            throw a.error(
                    "rp_id",
                    "must be a lowercase host name such as maa.example.com (no scheme, port or path), was '" + rpId
                            + "'");
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : a.strings("origins")) {
            origins.add(origin(a, rpId, origin));
        }
        if (origins.isEmpty()) {
            throw a.error("origins", "is required: the console's origins, e.g. [https://" + rpId + "]");
        }
        Path file = a.path("anchors", home)
                .orElseThrow(() -> a.error(
                        "anchors",
                        "is required: the file of anchor public keys; create an anchor with `maa keys anchor create`"
                                + " and put the line it prints in that file (docs/security.md)"));
        Anchors anchors;
        try {
            anchors = Anchors.read(file);
        } catch (IllegalArgumentException e) {
            throw a.error("anchors", e.getMessage());
        }
        Set<UUID> aaguids = new LinkedHashSet<>();
        for (String aaguid : a.strings("aaguids")) {
            try {
                aaguids.add(UUID.fromString(aaguid));
            } catch (IllegalArgumentException e) {
                throw a.error(
                        "aaguids",
                        "'" + aaguid + "' is not an AAGUID (a UUID such as ee882879-721c-4913-9775-3dfcce97072a)");
            }
        }
        return new ApprovalsSettings(rpId, origins, file, anchors, aaguids, enrollmentApprovals(a));
    }

    /** The one reading of {@code enrollment_approvals} in section {@code a}: at least 2, at most 100, default 2. */
    private static int enrollmentApprovals(ConfigSection a) {
        return a.integer(
                "enrollment_approvals",
                TrustedKeys.ApprovalRule.DEFAULT_APPROVALS,
                MAX_ENROLLMENT_APPROVALS,
                TrustedKeys.ApprovalRule.DEFAULT_APPROVALS);
    }

    /**
     * {@code approvals.enrollment_approvals} given as {@code n} by {@code source} (a command-line option) instead of a
     * maa.yaml, checked as start-up checks it: below 2 it is refused with start-up's message, named by {@code source}.
     *
     * @throws dev.maa.api.MaaConfigurationException naming {@code source} and the key
     */
    public static int enrollmentApprovals(int n, String source) {
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        tree.putObject("approvals").put("enrollment_approvals", n);
        return enrollmentApprovals(ConfigSection.root(tree, source).section("approvals"));
    }

    private static String origin(ConfigSection a, String rpId, String origin) {
        URI u;
        try {
            u = new URI(origin);
        } catch (URISyntaxException e) {
            throw a.error("origins", "'" + origin + "' is not a URL such as https://" + rpId);
        }
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        boolean local = host.equals("localhost") || host.equals("127.0.0.1");
        if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && local)) {
            throw a.error("origins", "'" + origin + "' must be https (http only for localhost)");
        }
        if ((u.getPath() != null && !u.getPath().isEmpty()) || u.getQuery() != null || u.getFragment() != null) {
            throw a.error("origins", "'" + origin + "' must be scheme, host and port only, such as https://" + rpId);
        }
        if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
            throw a.error(
                    "origins",
                    "'" + origin + "' is not on rp_id " + rpId + " or one of its subdomains: passkeys registered for "
                            + rpId + " cannot sign there");
        }
        return origin;
    }

    @Override
    public String toString() {
        return "ApprovalsSettings[rpId=" + rpId + ", origins=" + origins + ", anchors=" + anchorsFile + ", aaguids="
                + aaguids + ", enrollmentApprovals=" + enrollmentApprovals + "]";
    }
}
