package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.CapturedDiff;
import dev.maa.api.DiffCapture;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link DiffCapture}s by resource type: asked once, for the request about to be stored, so the diff
 * kept with a request is the change as it was when the call was parked. A capture that fails leaves the request
 * without a diff and never stops the call from being parked: the diff informs the approver, the payload and its
 * digest are what is approved.
 */
public final class DiffCaptures {

    private static final Logger LOG = LoggerFactory.getLogger(DiffCaptures.class);

    private final Map<String, DiffCapture> byType;

    public DiffCaptures(Map<String, DiffCapture> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** {@code draft} with its captured diff, or unchanged when no capture knows its type or none is made. */
    public ApprovalRequest capture(ApprovalRequest draft) {
        DiffCapture capture = byType.get(draft.resource().typeName());
        if (capture == null || draft.diff() != null) {
            return draft;
        }
        try {
            CapturedDiff diff = capture.capture(draft).orElse(null);
            return diff == null ? draft : draft.toBuilder().diff(diff).build();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Diff capture {} failed for request {} on {}; it is stored without a diff: {}",
                    capture.getClass().getName(),
                    draft.id(),
                    draft.resource().key(),
                    e.toString());
            return draft;
        }
    }
}
