package dev.maa.test;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * What one protected call does when a given user makes it: {@link #parks()}, {@link #runs()} or
 * {@link #isDenied()}. The call runs inside {@code Maa.actingAs} (and {@code Maa.justify} when given) scopes.
 */
public final class CallAssert {

    /** The call under test. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    private final MaaTestKit kit;
    private final Call call;
    private Principal principal;
    private String justification;
    private boolean urgent;

    CallAssert(MaaTestKit kit, Call call) {
        this.kit = kit;
        this.call = call;
    }

    /** Who makes the call: the directory's user {@code id} with its groups. */
    public CallAssert as(String id) {
        principal = kit.principal(id);
        return this;
    }

    public CallAssert as(Principal p) {
        principal = p;
        return this;
    }

    public CallAssert justifiedBy(String text) {
        justification = text;
        return this;
    }

    /** Urgent, with {@code text} as the justification. */
    public CallAssert urgent(String text) {
        justification = text;
        urgent = true;
        return this;
    }

    /** Asserts the call was parked (it did not run) and returns its request. */
    public ParkedRequest parks() {
        Throwable t = attempt();
        if (t instanceof ApprovalRequiredException parked) {
            return kit.request(parked.requestId());
        }
        throw new AssertionFailedError(
                "Expected the call to be parked for approval, but it " + outcome(t), "parked", outcome(t), t);
    }

    /** Asserts the call ran at once (the policy allowed it). */
    public void runs() {
        Throwable t = attempt();
        if (t != null) {
            throw new AssertionFailedError("Expected the call to run, but it " + outcome(t), "ran", outcome(t), t);
        }
    }

    /** Asserts the call was denied and returns the refusal (its reasons). */
    public AccessDeniedException isDenied() {
        Throwable t = attempt();
        if (t instanceof AccessDeniedException denied) {
            return denied;
        }
        throw new AssertionFailedError("Expected the call to be denied, but it " + outcome(t), "denied", outcome(t), t);
    }

    private Throwable attempt() {
        List<Maa.Scope> scopes = new ArrayList<>();
        try {
            if (principal != null) {
                scopes.add(Maa.actingAs(principal));
            }
            if (justification != null) {
                scopes.add(urgent ? Maa.urgent(justification) : Maa.justify(justification));
            }
            call.run();
            return null;
        } catch (Exception | Error e) {
            return e;
        } finally {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                scopes.get(i).close();
            }
        }
    }

    private static String outcome(Throwable t) {
        return t == null ? "ran" : "threw " + t;
    }
}
