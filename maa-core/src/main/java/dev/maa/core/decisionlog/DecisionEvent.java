package dev.maa.core.decisionlog;

import dev.maa.api.Decision;
import dev.maa.api.PolicyInput;
import dev.maa.core.codec.ParkedCall;
import java.util.function.Supplier;

/**
 * What the caller's thread hands to the decision log: references only, so that recording costs an allocation and a
 * queue offer; the event document is built by background work ({@link EventDocuments}).
 *
 * @param outcome what happened: {@code allow}, {@code deny}, {@code require_approval}, {@code justification_required},
 *                {@code break_glass}, {@code would_deny} or {@code would_require_approval}
 * @param input   the policy input
 * @param decision the policy's decision
 * @param parked  the canonical call (its arguments are masked unless configured), {@code null} if it could not be
 *                encoded
 * @param sampleRate the fraction of such calls that are logged (1 for every outcome but allow)
 */
public record DecisionEvent(String outcome, PolicyInput input, Decision decision, ParkedCall parked, double sampleRate)
        implements Supplier<DecisionEvent> {

    /** Itself: an event is its own, already built, buffer entry ({@link DecisionLogger#recordLater}). */
    @Override
    public DecisionEvent get() {
        return this;
    }
}
