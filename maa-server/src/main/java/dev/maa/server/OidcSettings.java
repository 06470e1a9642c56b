package dev.maa.server;

import dev.maa.api.Durations;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.core.config.ConfigSection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code auth.oidc} section of {@code maa serve --config}: the OpenID Connect provider the console signs in with
 * and whose access tokens the API accepts. Read with the one config kit ({@link ConfigSection}); an incomplete or
 * contradictory section stops start-up naming the file, the key and what to set, because a half-configured sign-in
 * would either lock every administrator out or, worse, accept tokens it should not.
 *
 * <pre>{@code
 * auth:
 *   mode: oidc
 *   oidc:
 *     issuer: https://login.example.com/realms/acme   # discovery: <issuer>/.well-known/openid-configuration
 *     client_id: maa-console
 *     client_secret_env: MAA_OIDC_SECRET             # optional: without it the console is a public client (PKCE)
 *     scopes: [openid, profile, email]
 *     principal_claim: preferred_username            # sub | preferred_username | email | upn
 *     groups_claim: groups
 *     trust_token_groups: false                      # token groups count only when true; else the directory decides
 *     audience: maa-server                           # the "aud" of API access tokens; default client_id
 *     cli_client_id: maa-cli                         # what "maa login" uses; default client_id
 *     service_accounts: [ci-deployer]                # principals that may call the API but never review
 *     service_account_claim: idtyp=app               # or a claim that marks them (claim, or claim=value)
 *     public_url: https://maa.example.com            # redirect URI <public_url>/auth/callback; default: from Host
 *     session_idle_timeout: 30m
 *     session_lifetime: 12h
 *     trust_forwarded_proto: false                   # true behind a TLS proxy that sets X-Forwarded-Proto
 * }</pre>
 */
public record OidcSettings(
        URI issuer,
        String clientId,
        String clientSecret,
        List<String> scopes,
        String principalClaim,
        String groupsClaim,
        boolean trustTokenGroups,
        String audience,
        String cliClientId,
        Set<String> serviceAccounts,
        String serviceAccountClaim,
        URI publicUrl,
        SessionSettings sessions) {

    /** The claims a principal id may come from. */
    public static final List<String> PRINCIPAL_CLAIMS = List.of("sub", "preferred_username", "email", "upn");

    /** The keys of {@code auth.oidc}. */
    public static final Set<String> KEYS = Set.of(
            "issuer",
            "client_id",
            "client_secret_env",
            "scopes",
            "principal_claim",
            "groups_claim",
            "trust_token_groups",
            "audience",
            "cli_client_id",
            "service_accounts",
            "service_account_claim",
            "public_url",
            "session_idle_timeout",
            "session_lifetime",
            "trust_forwarded_proto");

    public OidcSettings {
        scopes = List.copyOf(scopes);
        serviceAccounts = Set.copyOf(serviceAccounts);
    }

    /**
     * Reads {@code auth.oidc}; {@code env} resolves {@code client_secret_env}.
     *
     * @throws dev.maa.api.MaaConfigurationException naming the key, when a value is missing, malformed or
     *     contradicts another
     */
    public static OidcSettings from(ConfigSection oidc, Function<String, String> env) {
        oidc.requireKnownKeys(KEYS);
        URI issuer = url(oidc, "issuer")
                .orElseThrow(() -> oidc.error(
                        "issuer",
                        "is required: the provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0;"
                                + " its /.well-known/openid-configuration must be reachable"));
        String clientId = oidc.string("client_id")
                .orElseThrow(() -> oidc.error(
                        "client_id", "is required: the client id of the console's registration at the provider"));
        List<String> scopes = oidc.strings("scopes");
        if (scopes.isEmpty()) {
            scopes = List.of("openid", "profile", "email");
        } else if (!scopes.contains("openid")) {
            throw oidc.error("scopes", "must include 'openid' (without it there is no ID token), was " + scopes);
        }
        String principalClaim = oidc.string("principal_claim", "sub");
        if (!PRINCIPAL_CLAIMS.contains(principalClaim)) {
            throw oidc.error(
                    "principal_claim", "must be one of " + PRINCIPAL_CLAIMS + ", was '" + principalClaim + "'");
        }
        Set<String> serviceAccounts = new LinkedHashSet<>();
        for (String id : oidc.strings("service_accounts")) {
            try {
                serviceAccounts.add(Identities.canonical(id));
            } catch (InvalidIdentityException e) {
                throw oidc.error("service_accounts", "the id " + e.shownId() + " is not accepted: " + e.problem());
            }
        }
        String claim = oidc.string("service_account_claim", null);
        if (claim != null && (claim.startsWith("=") || claim.endsWith("="))) {
            throw oidc.error("service_account_claim", "must be a claim name or claim=value, was '" + claim + "'");
        }
        Duration idle = positive(oidc, "session_idle_timeout", SessionSettings.DEFAULT_IDLE);
        Duration lifetime = positive(oidc, "session_lifetime", SessionSettings.DEFAULT_LIFETIME);
        if (idle.compareTo(lifetime) > 0) {
            throw oidc.error(
                    "session_idle_timeout",
                    "(" + Durations.format(idle) + ") must not be longer than session_lifetime ("
                            + Durations.format(lifetime) + ")");
        }
        Optional<URI> publicUrl = url(oidc, "public_url");
        boolean trustProto = oidc.bool("trust_forwarded_proto", false);
        if (publicUrl.isPresent()
                && !publicUrl.get().getPath().isEmpty()
                && !publicUrl.get().getPath().equals("/")) {
            throw oidc.error("public_url", "must be the server's origin without a path, e.g. https://maa.example.com");
        }
        return new OidcSettings(
                issuer,
                clientId,
                oidc.secretFromEnv("client_secret_env", env).orElse(null),
                scopes,
                principalClaim,
                oidc.string("groups_claim", "groups"),
                oidc.bool("trust_token_groups", false),
                oidc.string("audience", clientId),
                oidc.string("cli_client_id", clientId),
                serviceAccounts,
                claim,
                publicUrl.orElse(null),
                new SessionSettings(idle, lifetime, trustProto));
    }

    /** An https URL, or http on a loopback host (a provider for tests and development on this machine). */
    private static Optional<URI> url(ConfigSection section, String key) {
        Optional<String> text = section.string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(
                    text.get().endsWith("/")
                            ? text.get().substring(0, text.get().length() - 1)
                            : text.get());
        } catch (IllegalArgumentException e) {
            throw section.error(key, "is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost()))) {
            throw section.error(
                    key, "must be an https URL (http only for localhost/127.0.0.1), was '" + text.get() + "'");
        }
        return Optional.of(uri);
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    private static Duration positive(ConfigSection section, String key, Duration fallback) {
        Duration d = section.duration(key).orElse(fallback);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw section.error(key, "must be at least 1s, was " + Durations.format(d));
        }
        return d;
    }

    /** The redirect URI registered at the provider, when {@code public_url} fixes it. */
    public Optional<URI> redirectUri() {
        return Optional.ofNullable(publicUrl).map(u -> URI.create(u + "/auth/callback"));
    }

    /** The scopes the CLI asks for: the console's, plus {@code offline_access} for a refresh token. */
    public List<String> cliScopes() {
        List<String> out = new ArrayList<>(scopes);
        if (!out.contains("offline_access")) {
            out.add("offline_access");
        }
        return out;
    }

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", client_id=" + clientId + ", secret="
                + (clientSecret == null ? "none" : "***") + ", principal_claim=" + principalClaim + "]";
    }
}
