package dev.maa.api;

import java.util.Optional;

/**
 * What the current thread has said about the protected calls it is about to make: who acts (when the
 * host sets it), the business justification, and the urgent / emergency flags.
 *
 * @param principal     the acting principal set by the host through {@link Maa#actingAs(Principal)}, if any
 * @param justification the business justification, or empty
 * @param urgent        urgent request (policies may give it a shorter expiry)
 * @param emergency     a break-glass call (runs at once for configured emergency principals)
 */
public record CallContext(Optional<Principal> principal, String justification, boolean urgent, boolean emergency) {

    static final CallContext EMPTY = new CallContext(Optional.empty(), "", false, false);

    public CallContext {
        principal = principal == null ? Optional.empty() : principal;
        justification = justification == null ? "" : justification;
    }
}
