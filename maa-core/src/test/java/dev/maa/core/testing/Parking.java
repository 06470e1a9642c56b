package dev.maa.core.testing;

import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;

/** Runs a protected call as a principal and returns the id of the request it parked. */
public final class Parking {

    private Parking() {}

    public static String park(Principal as, String justification, Runnable call) {
        try (var who = Maa.actingAs(as);
                var why = Maa.justify(justification)) {
            call.run();
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
        throw new AssertionError("the call ran instead of being parked");
    }

    public static String park(Principal as, Runnable call) {
        return park(as, "CHG-1234 test change", call);
    }
}
