package dev.maa.server;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.CapturedDiff;
import dev.maa.api.DiffCapture;
import java.util.Optional;

/**
 * SPI: supplies the before/after {@link Diff} of requests on one resource type, so approvers see what the parked
 * call would change.
 *
 * <p>Register a provider on the engine that parks the calls ({@code MaaEngine.builder().diffCapture(provider)}):
 * it is then asked once, when the call is parked, and its diff is kept with the request and shown as "captured at
 * park", also after completion (a live diff of a completed update reads "no differences"). Hosts that park
 * elsewhere may also pass it to {@link ServerConfig.Builder#diffProvider(DiffProvider)}: the server then shows a
 * live diff, marked as such, for requests without a captured one while they wait for approval, never later.
 *
 * <p>Providers read the request's parked payload (canonical JSON: {@code args[i].name/type/value}) and the current
 * state of the object; they must not modify anything. A provider that throws is ignored (logged).
 */
public interface DiffProvider extends DiffCapture {

    /** The resource type this provider knows, as policies spell it: {@code APP}, {@code CUSTOM:billing}. */
    @Override
    String resourceType();

    /** The diff of {@code request}, or empty when there is nothing meaningful to compare. */
    Optional<Diff> diff(ApprovalRequest request);

    /**
     * Whether the diff depends on the object's current state (the default). A provider whose diff follows from
     * the payload and immutable data alone (a policy change against the revision it names) may be shown at any
     * time; one that reads current state is shown live only while the request waits for approval.
     */
    default boolean readsCurrentState() {
        return true;
    }

    /** The diff as captured at park: {@link #diff} at the moment the request is stored. */
    @Override
    default Optional<CapturedDiff> capture(ApprovalRequest parked) {
        return diff(parked).map(d -> d.asOf(parked.createdAt()));
    }
}
