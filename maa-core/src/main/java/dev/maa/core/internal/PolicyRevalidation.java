package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEventType;
import dev.maa.api.Decision;
import dev.maa.api.Effect;
import dev.maa.api.Factor;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.Notification;
import dev.maa.api.PolicyInput;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.api.Reminders;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Open requests re-evaluated when the active policy set changes (issue 21; AWS multi-party approval's
 * {@code CONFIGURATION_CHANGED}, GitHub's dismissed stale approvals).
 *
 * <p>A request parked under another policy revision than the engine's current one is decided again, as its requester
 * (with the groups recorded at submission) asking now: if the call would now be denied or allowed outright, or its
 * factors (policy, approver groups, count, assurance, stage) differ, it ends VOIDED with the reason and the revision,
 * so it never runs under rules that are no longer in force, neither stricter nor weaker ones. Otherwise it carries on
 * under the new revision ({@code POLICY_REVALIDATED}). Break-glass requests ran already and are left alone;
 * COMPLETING ones are past approval. Completion revalidates first, so a request approved under old rules cannot start
 * before the sweep reached it; a policy that cannot decide now leaves the request unchanged and completion refused.
 */
final class PolicyRevalidation {

    private static final Set<Status> REVALIDATED = Set.of(Status.NEEDS_APPROVAL, Status.APPROVED);

    private final EngineContext ctx;
    private final DefaultApprovalService service;

    PolicyRevalidation(EngineContext ctx, DefaultApprovalService service) {
        this.ctx = ctx;
        this.service = service;
    }

    /**
     * How far before its last run the job looks again under an unchanged revision: requests parked meanwhile by a
     * node still deciding under another revision, whose clock is behind or whose insert committed late.
     */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    /** The page of a later run, which usually finds the end of what is new in its first page. */
    static final int LATER_PAGE = 100;

    /** The revision the last complete run checked every open request against, and when it started (less OVERLAP). */
    private record Swept(String revision, Instant from) {}

    private final AtomicReference<Swept> swept = new AtomicReference<>();

    /**
     * Re-evaluates the open requests parked under another revision; returns how many ended VOIDED. The first run
     * under a revision reads every open request; later runs under the same revision read, newest first, only those
     * parked since the last run began (less {@link #OVERLAP}): every older one was checked against this revision
     * already, and this engine's own transitions never give a request another revision. Completion revalidates
     * whatever a run did not reach.
     */
    int revalidateOpen() {
        String revision = ctx.policyEngine().revision();
        Instant started = ctx.clock().instant();
        Swept last = swept.get();
        Instant since = last != null && last.revision().equals(revision) ? last.from() : null;
        List<String> stale = new ArrayList<>();
        int offset = 0;
        List<ApprovalRequest> page;
        boolean older = false;
        int pageSize = since == null ? RequestQuery.MAX_LIMIT : LATER_PAGE;
        do {
            RequestQuery q = RequestQuery.all().withStatuses(REVALIDATED).page(offset, pageSize);
            page = DefaultApprovalService.guard(() -> ctx.store().list(q));
            for (ApprovalRequest r : page) {
                if (since != null && r.createdAt().isBefore(since)) {
                    older = true; // newest first: the rest were checked under this revision already
                    break;
                }
                if (stale(r, revision)) {
                    stale.add(r.id());
                }
            }
            offset += page.size();
        } while (!older && page.size() == pageSize);
        int voided = 0;
        for (String id : stale) {
            try {
                voided += revalidate(id).status() == Status.VOIDED ? 1 : 0;
            } catch (IllegalRequestStateException e) {
                // ended meanwhile
            }
        }
        swept.set(new Swept(revision, started.minus(OVERLAP)));
        return voided;
    }

    /** Re-evaluates request {@code id} if it was parked under another revision; returns it as it is now. */
    ApprovalRequest revalidate(String id) {
        ApprovalRequest now = service.get(id);
        if (!stale(now, ctx.policyEngine().revision())) {
            return now;
        }
        return service.transition(id, this::step);
    }

    /**
     * Whether {@code r} waits or is approved under another revision than {@code revision}. A request without a
     * recorded revision (an engine that names none) is never stale: there is nothing to compare.
     */
    static boolean stale(ApprovalRequest r, String revision) {
        return REVALIDATED.contains(r.status())
                && !r.emergency()
                && !r.policyRevision().isEmpty()
                && !r.policyRevision().equals(revision);
    }

    /** The revalidation of a {@link #stale} request: VOIDED, or carried on under the current revision. */
    DefaultApprovalService.Step step(ApprovalRequest r) {
        Instant now = ctx.clock().instant();
        Decision d = ctx.policyEngine()
                .decide(new PolicyInput(
                        r.requester(),
                        r.resource(),
                        r.action(),
                        r.operation(),
                        r.digest(),
                        r.justification(),
                        false,
                        r.urgent(),
                        now));
        if (d == null) {
            throw new PolicyUnavailableException("The policy engine returned no decision for request " + r.id(), null);
        }
        String revision = d.policyRevision().isEmpty() ? ctx.policyEngine().revision() : d.policyRevision();
        if (!stale(r, revision)) {
            throw new IllegalRequestStateException(
                    "Request " + r.id() + " is " + r.status() + " under revision " + r.policyRevision()
                            + "; nothing to revalidate",
                    r.status());
        }
        String change = change(r, d);
        if (change == null) {
            ApprovalRequest u = r.toBuilder()
                    .policyRevision(revision)
                    .updatedAt(now)
                    .version(r.version() + 1)
                    .build();
            return new DefaultApprovalService.Step(
                    u,
                    DefaultApprovalService.event(
                            now,
                            r,
                            EngineContext.SYSTEM,
                            AuditEventType.POLICY_REVALIDATED,
                            "revision",
                            revision,
                            "previous",
                            r.policyRevision()),
                    null,
                    null);
        }
        String why = "voided by policy revision " + revision + ": " + change
                + "; make the call again to be decided under the policy in force";
        ApprovalRequest u = r.toBuilder()
                .status(Status.VOIDED)
                .outcome(why)
                .updatedAt(now)
                .version(r.version() + 1)
                .build();
        String text = "Request " + u.id() + " by " + u.requester().id() + " to " + u.action() + " "
                + u.resource().key() + " was " + why;
        return new DefaultApprovalService.Step(
                u,
                DefaultApprovalService.event(
                        now, r, EngineContext.SYSTEM, AuditEventType.VOIDED, "reason", change, "revision", revision),
                () -> {
                    ctx.notifications().toRequester(Notification.Kind.VOIDED, u, text);
                    ctx.notifications().toApprovers(Notification.Kind.VOIDED, r, Set.of(), text);
                },
                null);
    }

    /** What changed for {@code r} under decision {@code d}, or {@code null} if its rules are the same. */
    private static String change(ApprovalRequest r, Decision d) {
        if (d.effect() != Effect.REQUIRE_APPROVAL) {
            return "the call would now be " + (d.effect() == Effect.DENY ? "denied" : "allowed without approval")
                    + (d.reasons().isEmpty() ? "" : " (" + String.join("; ", d.reasons()) + ")");
        }
        if (sameFactors(r, d.factors())) {
            return null;
        }
        return "its approval factors changed from " + QuorumText.of(r.factors()) + " to " + QuorumText.of(d.factors());
    }

    /**
     * Equal factor sets; an escalated request compares with the new factors escalated as it was. A request parked
     * before factors named their own escalation groups (they were the request's alone, in its reminders) compares
     * with the new factors without theirs: an upgrade alone changes no request's rules.
     */
    private static boolean sameFactors(ApprovalRequest r, List<Factor> decided) {
        if (r.reminders() != null && r.reminders().perPolicy()) {
            // each policy's factors escalated as the request's were (a policy's factors share one stage)
            List<Factor> escalatedAlike = decided.stream()
                    .map(f -> {
                        Reminders.Schedule s = r.reminders().schedule(f.policy());
                        return s != null && s.escalatedAt() != null ? f.escalated() : f;
                    })
                    .toList();
            return new HashSet<>(r.factors()).equals(new HashSet<>(escalatedAlike));
        }
        List<Factor> now = parkedBeforeFactorEscalation(r)
                ? decided.stream().map(f -> f.escalatingTo(Set.of())).toList()
                : decided;
        Set<Factor> held = new HashSet<>(r.factors());
        if (held.equals(new HashSet<>(now))) {
            return true;
        }
        if (r.reminders() == null || r.reminders().escalatedAt() == null) {
            return false;
        }
        int stages = Quorum.stages(now);
        for (int s = 1; s <= stages; s++) {
            if (held.equals(
                    new HashSet<>(ReviewReminders.escalate(now, s, r.reminders().escalationGroups())))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code r}'s escalation groups are only the request's (stored before {@link Factor#escalationGroups}). */
    private static boolean parkedBeforeFactorEscalation(ApprovalRequest r) {
        return r.reminders() != null
                && !r.reminders().escalationGroups().isEmpty()
                && r.factors().stream().allMatch(f -> f.escalationGroups().isEmpty());
    }

    /** Factors as people read them: "policy: n of [groups] (stage s)". */
    private static final class QuorumText {
        static String of(List<Factor> factors) {
            List<String> out = new ArrayList<>();
            for (Factor f : factors) {
                out.add(f.policy() + ": " + f.requiredApprovals() + " of " + new TreeSet<>(f.approverGroups())
                        + (f.stage() > 1 ? " (stage " + f.stage() + ")" : "")
                        + (f.needsSignature() ? " passkey" : ""));
            }
            return out.toString();
        }
    }
}
