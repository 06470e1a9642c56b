package dev.maa.core.view;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Directory;
import dev.maa.api.Factor;
import dev.maa.api.Identities;
import dev.maa.api.Principal;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Who may <em>read</em> what. Actions are never decided here: they go to {@code ApprovalService.act}, and which
 * ones a principal may take comes from {@code ApprovalService.allowedActions}, from the rules the engine enforces.
 *
 * <p>Groups come from the directory as it is now, plus the principal's own: a caller passes a principal with
 * groups only when it chose to trust them ({@code maa serve}: a token's claims under {@code auth.trust_token_groups};
 * the Spring Boot starter never passes the application's authorities); names compare canonically ({@link
 * Identities}). With no reader groups nobody reads everything (fail closed). One rule for {@code maa serve} and the
 * starter's in-app API, so both show the same requests to the same person.
 */
public final class Visibility {

    private final Directory directory;
    private final Set<String> readerGroups;
    private final Set<String> breakGlassReviewers;

    /**
     * @param readerGroups        groups that may list every request and read the audit log (empty: nobody)
     * @param breakGlassReviewers groups that close post-emergency reviews of every break-glass request
     */
    public Visibility(Directory directory, Set<String> readerGroups, Set<String> breakGlassReviewers) {
        this.directory = directory;
        this.readerGroups = Set.copyOf(readerGroups);
        this.breakGlassReviewers = Set.copyOf(breakGlassReviewers);
    }

    /** The principal's groups: the directory's current ones, plus those the authenticator kept (trusted claims). */
    public Set<String> groups(Principal p) {
        Set<String> all = new HashSet<>(directory.groupsOf(p.id()));
        all.addAll(p.groups());
        return all;
    }

    /** How old the membership a review is decided on may be ({@link Directory#reviewStaleness}). */
    public Duration reviewStaleness() {
        return directory.reviewStaleness();
    }

    /** Whether the principal may list all requests and read the audit log. */
    public boolean isReader(Principal p) {
        return isReader(groups(p));
    }

    private boolean isReader(Set<String> groups) {
        return Identities.anyShared(readerGroups, groups);
    }

    /** Whether the principal may read the request: its requester, a reader, an approver, or a break-glass reviewer. */
    public boolean canSee(Principal p, ApprovalRequest r) {
        if (r.isRequester(p.id())) {
            return true;
        }
        Set<String> groups = groups(p); // one directory lookup for all three checks
        return isReader(groups) || isApproverOf(groups, r) || r.emergency() && isBreakGlassReviewer(groups);
    }

    private boolean isBreakGlassReviewer(Set<String> groups) {
        return Identities.anyShared(breakGlassReviewers, groups);
    }

    private static boolean isApproverOf(Set<String> groups, ApprovalRequest r) {
        for (Factor f : r.factors()) {
            if (f.admits(groups)) {
                return true;
            }
        }
        return false;
    }
}
