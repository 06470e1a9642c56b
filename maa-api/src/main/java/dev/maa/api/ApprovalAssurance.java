package dev.maa.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an approval counting toward a factor must prove, named by the access policy's {@code approval_assurance}.
 *
 * <p>Why two levels: a {@link #SESSION} approval is a row the server writes after it checked the approver's
 * session, so whoever steals a session or writes to the database can approve; a {@link #PASSKEY} approval is a
 * signature by the approver's own passkey over the exact request and digest, which the host JVM verifies itself
 * before the call runs, against keys trusted by anchors named in the host's configuration.
 */
public enum ApprovalAssurance {
    /** An approval recorded by the server for an authenticated session (the default, as before). */
    SESSION,
    /** An approval signed with the approver's trusted passkey, verified by the host at completion. */
    PASSKEY;

    /** The name in policies and JSON: {@code session}, {@code passkey}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The level called {@code wire}; {@code null} is {@link #SESSION}.
     *
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static ApprovalAssurance fromWire(String wire) {
        if (wire == null) {
            return SESSION;
        }
        for (ApprovalAssurance a : values()) {
            if (a.wireName().equals(wire)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown approval_assurance '" + wire + "'; use one of "
                + Arrays.stream(values()).map(ApprovalAssurance::wireName).toList());
    }
}
