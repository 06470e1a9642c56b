package dev.maa.server.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.Principal;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * The one mapping from a verified token's claims (a bearer JWT, a provider's access token or ID token) to a
 * {@link Principal}: the id from {@code principalClaim} in canonical form ({@link Identities}; an id without one is
 * refused, so {@code аlice} with a Cyrillic {@code а} never signs in as a look-alike of {@code alice}), the groups
 * from {@code groupsClaim}, and the {@value #SERVICE_ACCOUNT_ROLE} role for the configured service accounts, which
 * may call the API but never review.
 *
 * @param serviceAccountClaim a claim that marks service accounts: {@code name} (true, or a non-empty value) or
 *     {@code name=value} (equal, or a list holding it); {@code null} for none
 */
public record ClaimsMapping(
        String principalClaim, String groupsClaim, Set<String> serviceAccounts, String serviceAccountClaim) {

    /** The role service accounts carry on their principal. */
    public static final String SERVICE_ACCOUNT_ROLE = "service-account";

    private static final int MAX_ID_LENGTH = 200;

    public ClaimsMapping {
        serviceAccounts = Set.copyOf(Identities.keys(serviceAccounts));
    }

    /** {@code sub} and {@code groups}, no service accounts: the JWT modes' mapping. */
    public static ClaimsMapping standard() {
        return new ClaimsMapping("sub", "groups", Set.of(), null);
    }

    /** This mapping with the service accounts of {@code other} (automation tokens of an OIDC server). */
    public ClaimsMapping withServiceAccountsOf(ClaimsMapping other) {
        return new ClaimsMapping(principalClaim, groupsClaim, other.serviceAccounts, other.serviceAccountClaim);
    }

    /**
     * The principal of verified {@code claims}; {@code what} names the token in refusals ("JWT", "ID token").
     *
     * @throws ApiError unauthenticated, naming the claim and what the provider should send instead
     */
    public Principal principal(JWTClaimsSet claims, String what) {
        Object raw = claims.getClaim(principalClaim);
        if (!(raw instanceof String value) || value.isBlank() || value.length() > MAX_ID_LENGTH) {
            throw ApiError.unauthenticated("The " + what + " has no usable '" + principalClaim + "' claim (the"
                    + " principal id). Have the identity provider include it, or choose another principal_claim.");
        }
        String id;
        try {
            id = Identities.canonical(value);
        } catch (InvalidIdentityException e) {
            throw ApiError.unauthenticated("The " + what + " '" + principalClaim + "' claim " + e.shownId()
                    + " is not accepted: " + e.problem() + ". Have the identity provider issue the plain id.");
        }
        List<String> groups;
        try {
            groups = claims.getStringListClaim(groupsClaim);
        } catch (ParseException e) {
            throw ApiError.unauthenticated("The " + what + " '" + groupsClaim + "' claim must be a list of strings.");
        }
        Set<String> roles = isServiceAccount(id, claims) ? Set.of(SERVICE_ACCOUNT_ROLE) : Set.of();
        return new Principal(id, groups == null ? Set.of() : Set.copyOf(groups), roles);
    }

    private boolean isServiceAccount(String id, JWTClaimsSet claims) {
        if (serviceAccounts.contains(Identities.key(id))) {
            return true;
        }
        if (serviceAccountClaim == null) {
            return false;
        }
        int eq = serviceAccountClaim.indexOf('=');
        Object v = claims.getClaim(eq < 0 ? serviceAccountClaim : serviceAccountClaim.substring(0, eq));
        if (eq < 0) {
            return v != null && !Boolean.FALSE.equals(v) && !"".equals(v) && !"false".equals(v);
        }
        String expected = serviceAccountClaim.substring(eq + 1);
        return v instanceof List<?> list ? list.contains(expected) : expected.equals(String.valueOf(v));
    }

    /** Whether {@code p} is a service account, which may never review. */
    public static boolean isServiceAccount(Principal p) {
        return p.roles().contains(SERVICE_ACCOUNT_ROLE);
    }
}
