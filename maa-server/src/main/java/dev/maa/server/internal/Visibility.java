package dev.maa.server.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Directory;
import dev.maa.api.Factor;
import dev.maa.api.Identities;
import dev.maa.api.Principal;
import dev.maa.api.Status;
import dev.maa.api.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may <em>read</em> what. Actions are never decided here: approve, reject, cancel, complete and close-review go
 * to the {@code ApprovalService}, which enforces the rules; {@link #actions} is only a hint for which buttons to show.
 *
 * <p>Groups come from the directory as it is now, plus the principal's own only when the server kept a token's
 * claims ({@code auth.trust_token_groups}, see {@link Authenticator#withoutClaimedGroups}); names compare canonically
 * ({@link Identities}). With no reader groups nobody reads everything (fail closed).
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

    /** Whether the principal may list all requests and read the audit log. */
    public boolean isReader(Principal p) {
        return isReader(groups(p));
    }

    private boolean isReader(Set<String> groups) {
        return Identities.anyShared(readerGroups, groups);
    }

    public boolean canSee(Principal p, ApprovalRequest r) {
        if (r.isRequester(p.id())) {
            return true;
        }
        Set<String> groups = groups(p);   // one directory lookup for all three checks
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

    /** The buttons that apply for this principal (a UI hint; the service decides). */
    public List<String> actions(Principal p, ApprovalRequest r) {
        List<String> out = new ArrayList<>();
        boolean requester = r.isRequester(p.id());
        if (r.status() == Status.NEEDS_APPROVAL && !requester && isApproverOf(directory.groupsOf(p.id()), r)
                && r.reviews().stream().noneMatch(v -> Identities.same(v.reviewer(), p.id()))) {
            out.add("approve");
            out.add("reject");
        }
        if (requester && r.status() == Status.APPROVED) {
            out.add("complete");
        }
        if (requester && (r.status() == Status.NEEDS_APPROVAL || r.status() == Status.APPROVED)) {
            out.add("cancel");
        }
        Set<String> current = directory.groupsOf(p.id());
        if (r.emergency() && r.postReview() == null && !requester
                && (isApproverOf(current, r) || isBreakGlassReviewer(current))) {
            out.add("close-review");
        }
        return out;
    }

    /** Approvals given / required over all factors. */
    public static int[] progress(ApprovalRequest r) {
        int required = r.factors().stream().mapToInt(Factor::requiredApprovals).sum();
        int given = (int) r.reviews().stream().filter(v -> v.verdict() == Verdict.APPROVE).count();
        return new int[] {given, required};
    }
}
