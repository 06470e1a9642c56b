package dev.maa.server.internal;

import dev.maa.api.Principal;

/** Turns a bearer token into a principal, or refuses with {@link ApiError#unauthenticated}. */
public interface Authenticator {

    Principal authenticate(String bearerToken);

    /** Short description for the start-up banner. */
    String describe();
}
