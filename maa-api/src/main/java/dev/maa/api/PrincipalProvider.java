package dev.maa.api;

import java.util.Optional;

/**
 * Says who is calling a protected method. The host supplies it from its own authentication (a security
 * context, a verified token). The default reads {@link Maa#actingAs(Principal)} scopes.
 */
@FunctionalInterface
public interface PrincipalProvider {

    /** The authenticated caller, or empty when nobody is authenticated (protected calls then fail closed). */
    Optional<Principal> currentPrincipal();
}
