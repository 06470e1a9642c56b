package dev.maa.server;

import dev.maa.core.config.ConfigSection;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code scim:} section of {@code maa serve}'s config, and {@code directory.source: scim}, which makes the
 * SCIM-provisioned users and groups the directory reviews are checked against.
 *
 * <pre>{@code
 * scim:
 *   enabled: true                 # serve /scim/v2 (default false)
 *   token_env: MAA_SCIM_TOKEN     # the SCIM client's bearer token, from this environment variable (>= 32 chars)
 * directory:
 *   source: scim                  # who is in which approver group: users_file (default), ldap or scim
 * }</pre>
 *
 * <p>Why a token of its own: the identity provider's provisioning client writes who may approve, so it must not be
 * able to approve, and no administrator's token may provision; the two never share a credential.
 *
 * @param enabled   whether {@code /scim/v2} is served
 * @param token     the SCIM client's bearer token (only when enabled); never printed
 * @param directory whether the SCIM users and groups are the directory
 */
public record ScimSettings(boolean enabled, String token, boolean directory) {

    /** The section's keys. */
    public static final Set<String> KEYS = Set.of("enabled", "token_env");

    /** The shortest token accepted: 32 characters, e.g. {@code openssl rand -base64 32}. */
    public static final int MIN_TOKEN_LENGTH = 32;

    /** No SCIM: the default. */
    public static final ScimSettings NONE = new ScimSettings(false, null, false);

    /**
     * Reads the {@code scim} section of {@code root}, {@code directory} saying whether {@code directory.source} is
     * {@code scim}; refuses, naming the key, a missing or short token, and a SCIM directory without SCIM.
     */
    static ScimSettings from(ConfigSection root, boolean directory, Function<String, String> env) {
        ConfigSection scim = root.section("scim").requireKnownKeys(KEYS);
        boolean enabled = scim.bool("enabled", false);
        if (directory && !enabled) {
            throw root.section("directory")
                    .error(
                            "source",
                            "is 'scim' but scim.enabled is not true; enable SCIM so the directory can be provisioned");
        }
        if (!enabled) {
            return NONE;
        }
        String token = scim.secretFromEnv("token_env", env)
                .orElseThrow(() -> scim.error(
                        "token_env",
                        "is required with scim.enabled: name the environment variable holding the SCIM"
                                + " client's bearer token"));
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw scim.error(
                    "token_env",
                    "names a token of " + token.length() + " characters; use a random one of at least "
                            + MIN_TOKEN_LENGTH + " (e.g. openssl rand -base64 32)");
        }
        return new ScimSettings(true, token, directory);
    }

    @Override
    public String toString() {
        return "ScimSettings[enabled=" + enabled + ", token=" + (token == null ? "none" : "***") + ", directory="
                + directory + "]";
    }
}
