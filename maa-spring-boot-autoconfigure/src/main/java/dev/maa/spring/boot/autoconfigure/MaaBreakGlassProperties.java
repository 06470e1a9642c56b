package dev.maa.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/** {@code maa.break-glass.*}: emergency accounts; default: as the policies configure them. */
public class MaaBreakGlassProperties {

    /** Principals whose calls in a Maa.emergency(...) scope run at once and are reviewed afterwards. */
    private List<String> principals = new ArrayList<>();

    /** Groups that close the post-emergency reviews (required with principals). */
    private List<String> reviewerGroups = new ArrayList<>();

    /** Whether an emergency call needs a justification. */
    private boolean justificationRequired = true;

    public List<String> getPrincipals() {
        return principals;
    }

    public void setPrincipals(List<String> principals) {
        this.principals = principals;
    }

    public List<String> getReviewerGroups() {
        return reviewerGroups;
    }

    public void setReviewerGroups(List<String> reviewerGroups) {
        this.reviewerGroups = reviewerGroups;
    }

    public boolean isJustificationRequired() {
        return justificationRequired;
    }

    public void setJustificationRequired(boolean justificationRequired) {
        this.justificationRequired = justificationRequired;
    }
}
