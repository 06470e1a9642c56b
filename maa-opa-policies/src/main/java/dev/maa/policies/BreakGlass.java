package dev.maa.policies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emergency access (seed 004's "emergencyAccess"): the listed principals may run a protected call at
 * once when they flag it as an emergency, and the call is reviewed afterwards.
 *
 * @param principals            break-glass account ids
 * @param justificationRequired whether an emergency call needs a justification (default true)
 * @param postReviewRequired    whether the call must be reviewed afterwards (default true)
 * @param reviewerGroups        groups that may close post-emergency reviews besides the approvers
 */
public record BreakGlass(
        List<String> principals,
        boolean justificationRequired,
        boolean postReviewRequired,
        List<String> reviewerGroups) {

    public static final BreakGlass NONE = new BreakGlass(List.of(), true, true, List.of());

    public BreakGlass {
        principals = List.copyOf(principals == null ? List.of() : principals);
        reviewerGroups = List.copyOf(reviewerGroups == null ? List.of() : reviewerGroups);
    }

    public Map<String, Object> toData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("principals", principals);
        m.put("justification_required", justificationRequired);
        m.put("post_review_required", postReviewRequired);
        m.put("reviewer_groups", reviewerGroups);
        return m;
    }
}
