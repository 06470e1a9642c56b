package dev.maa.policies;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Principal;
import dev.maa.api.Review;
import dev.maa.api.Verdict;
import dev.maa.core.MaaEngine;
import dev.maa.policies.internal.CompiledPolicy;
import dev.maa.policies.internal.PolicyTestRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Policy changes under approval: validate a set (parse, compile, run its tests), push it through the
 * protected {@link PolicyAdmin}, show a pending change as a unified diff, list revisions with their
 * approvers. The active revision of the {@link PolicyRevisionStore} is what {@code engine} evaluates.
 *
 * <p>The {@link MaaEngine} must allow {@code dev.maa.policies} on its codec allow-list
 * ({@code allowPackages("dev.maa.policies")}) so the change can be parked.
 */
public final class PolicyService implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PolicyService.class);

    private final MaaEngine maa;
    private final EmbeddedRegoPolicyEngine engine;
    private final PolicyRevisionStore store;
    private final Clock clock;
    private final PolicyAdmin admin;
    private final ImpactReports impacts;
    /** What revision 0 means: the set the engine was configured with (before any stored revision), to diff a stale base 0. */
    private final PolicySet initialSet;

    /** The decision log a host's file sink writes by default, under the MAA home; what-if and impact read it. */
    public static final String DECISION_LOG = "decisions.jsonl";

    /**
     * The job-lease name ({@code ClaimingStore.tryAcquireJobLock}) under which one node computes and seals a request's
     * impact: this, a space, the request id.
     */
    public static final String IMPACT_JOB = "maa.policy-impact";

    /** How often {@code maa serve} looks for an impact left computing by a node that stopped ({@link #resumeImpactsEvery}). */
    public static final Duration IMPACT_RESUME_INTERVAL = Duration.ofMinutes(1);

    /** How far back a policy change's impact looks by default. */
    public static final Duration DEFAULT_IMPACT_WINDOW = Duration.ofDays(7);

    /** How long the impact an author previews before submitting may take; past it the preview says it timed out. */
    public static final Duration IMPACT_PREVIEW_TIMEOUT = Duration.ofMinutes(2);

    /** Without impact reports (no decision log). */
    public PolicyService(MaaEngine maa, EmbeddedRegoPolicyEngine engine, PolicyRevisionStore store) {
        this(maa, engine, store, null, DEFAULT_IMPACT_WINDOW);
    }

    /**
     * With each pushed change getting its impact: {@link WhatIf} over the events of {@code decisionLog} (and its
     * rotated files) of the last {@code impactWindow}, computed in the background once the change is parked and sealed
     * in the request's audit trail; {@code null} for none. {@link #close} stops that work.
     */
    public PolicyService(
            MaaEngine maa,
            EmbeddedRegoPolicyEngine engine,
            PolicyRevisionStore store,
            Path decisionLog,
            Duration impactWindow) {
        this(maa, engine, store, decisionLog, impactWindow, IMPACT_PREVIEW_TIMEOUT);
    }

    /** As the public constructor, with another bound on an impact preview (tests). */
    PolicyService(
            MaaEngine maa,
            EmbeddedRegoPolicyEngine engine,
            PolicyRevisionStore store,
            Path decisionLog,
            Duration impactWindow,
            Duration previewTimeout) {
        this.maa = Objects.requireNonNull(maa, "maa");
        this.impacts = new ImpactReports(
                maa, decisionLog, Objects.requireNonNull(impactWindow, "impactWindow"), previewTimeout);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = maa.clock();
        this.admin = maa.protect(PolicyAdmin.class, new Activation());
        this.initialSet = engine.policySet();
        store.active().ifPresent(r -> engine.activate(r.policySet()));
    }

    /** The protected policy-change operation; calling it parks an ACCESS_POLICY request. */
    public PolicyAdmin admin() {
        return admin;
    }

    /**
     * Validates and pushes {@code set}: throws {@link dev.maa.api.ApprovalRequiredException} with the request id
     * when the change needs approval (the usual case), or returns the new revision if a policy allows it.
     *
     * @param forceJustification empty to refuse a set whose tests fail, or why it is pushed anyway (recorded)
     * @throws PolicyValidationException  the set does not parse or compile ({@code file:line:col})
     * @throws PolicyTestsFailedException tests fail and the push was not forced
     */
    public PolicyRevision push(PolicySet set, String forceJustification) {
        String override = validate(set, forceJustification);
        return submit(set, store.active().map(PolicyRevision::number).orElse(0L), override);
    }

    /**
     * The impact of activating {@code set}, as a JSON object, computed now on this thread: what-if over the recent
     * decision log ({@code window}, {@code since}, {@code state}, {@code decisions}, {@code changed},
     * {@code unchanged}, {@code by_policy}, {@code by_method}, {@code summary}); empty when this service has no decision
     * log or it holds no events. A log that cannot be read gives {@code {"error": ...}}: the impact informs approvers,
     * it never blocks a change. A push does not wait for it: see {@link #awaitImpacts}.
     */
    public String impactOf(PolicySet set) {
        return impacts.compute(set, impacts.since());
    }

    /**
     * Waits until the impact of every pushed change has been computed and sealed in its request's audit trail
     * ({@code IMPACT_COMPUTED}); false if {@code timeout} ran out first. A process that ends right after a push (the
     * CLI's local mode) calls it, since nothing else would compute the impact.
     */
    public boolean awaitImpacts(Duration timeout) throws InterruptedException {
        return impacts.await(timeout);
    }

    /**
     * Resumes the impact of the open policy change whose impact is still "computing" (a stop cut its replay, or it was
     * pushed on a node that stopped): computed in the background like a push's and sealed in its trail; in a cluster
     * under that request's job lease, so one node seals it. {@code maa serve} calls it at start. Returns whether
     * one was resumed.
     */
    public boolean resumeImpacts() {
        return impacts.resume();
    }

    /**
     * {@link #resumeImpacts()} now and then every {@code period} until {@link #close()}: a change whose impact a node
     * was computing when it died (its lease of one minute runs out) gets it from a node that runs. {@code maa serve}
     * calls it at start with {@link #IMPACT_RESUME_INTERVAL}.
     */
    public void resumeImpactsEvery(Duration period) {
        impacts.resumeEvery(period);
    }

    /** Stops computing impacts: a replay in progress ends at its next chunk (that change's impact stays "computing"). */
    @Override
    public void close() {
        impacts.close();
    }

    /** Parks {@code set} as a change on {@code base}; its impact is computed in the background once it is parked. */
    private PolicyRevision submit(PolicySet set, long base, String override) {
        Instant since = impacts.since();
        try {
            return admin.activate(
                    new PolicyChange(PolicyChange.DEFAULT_TARGET, set, base, override, impacts.pending(since)));
        } catch (ApprovalRequiredException e) {
            impacts.submit(e.requestId(), set, since);
            throw e;
        }
    }

    /**
     * As {@link #push(PolicySet, String)}, refused unless revision {@code baseNumber} (0: none yet) is the active one,
     * so a change prepared against an older revision never replaces one its author has not seen.
     *
     * @throws StalePolicyBaseException another revision was activated since {@code baseNumber}; carries the diff
     */
    public PolicyRevision push(PolicySet set, String forceJustification, long baseNumber) {
        requireActive(baseNumber);
        String override = validate(set, forceJustification);
        return submit(set, baseNumber, override);
    }

    /**
     * Applies {@code edits} to revision {@code baseNumber}, which must be the active one, validates the result and
     * pushes it ({@link #push(PolicySet, String, long)}): the console's and REST's way to change one policy or module.
     */
    public PolicyRevision edit(long baseNumber, List<PolicyEdit> edits, String forceJustification) {
        PolicySet next = PolicyEdit.applyAll(requireActive(baseNumber), edits);
        return push(next, forceJustification, baseNumber);
    }

    /**
     * What {@link #edit} would submit, without submitting it: the unified diff from the active set to the edited one,
     * after the edited set compiled, and the impact {@code author} would submit (the Review step of the console's
     * wizard shows both before the author submits).
     *
     * @throws StalePolicyBaseException  {@code baseNumber} is no longer the active revision
     * @throws PolicyValidationException the edited set does not parse or compile ({@code file:line:col})
     */
    public Preview preview(long baseNumber, List<PolicyEdit> edits, String author) {
        PolicySet active = requireActive(baseNumber);
        PolicySet next = PolicyEdit.applyAll(active, edits);
        CompiledPolicy.compile(next, dev.maa.rego.EvalLimits.DEFAULT);
        return new Preview(UnifiedDiff.of(active, next), impacts.preview(next, author));
    }

    /**
     * What pushing {@code set} would submit, without submitting it ({@code maa policy push --dry-run}): the set is
     * validated as a push on revision {@code baseNumber} validates it, then the diff from the active set and its impact
     * preview, as {@link #preview(long, List, String)}.
     *
     * @throws StalePolicyBaseException   {@code baseNumber} is no longer the active revision
     * @throws PolicyValidationException  the set does not parse or compile ({@code file:line:col})
     * @throws PolicyTestsFailedException its tests fail and {@code forceJustification} is empty
     */
    public Preview preview(PolicySet set, String forceJustification, long baseNumber, String author) {
        PolicySet active = requireActive(baseNumber);
        validate(set, forceJustification);
        return new Preview(UnifiedDiff.of(active, set), impacts.preview(set, author));
    }

    /**
     * The impact preview {@code id} (the {@code id} of {@link Preview#impact}) as it is now, {@code "state"}
     * computing or computed (with the report, or an {@code error} such as a timeout); empty once it is no longer
     * kept (15 minutes after it ended) or to anyone but {@code author}.
     */
    public Optional<String> impactPreview(String id, String author) {
        return impacts.previewOf(id, author);
    }

    /**
     * What a change would submit: its unified diff and its impact preview, a JSON object ({@code id}, {@code state}
     * computing|computed, {@code window}, {@code since}, then as {@link #impactOf}), computed in the background on
     * the thread that computes pushed changes' impacts, bounded by {@link #IMPACT_PREVIEW_TIMEOUT}; empty without a
     * decision log.
     */
    public record Preview(String diff, String impact) {}

    /**
     * Runs the tests ({@code *_test.rego}) of the active set with {@code edits} applied, without pushing anything.
     *
     * @throws PolicyValidationException the edited set does not parse or compile ({@code file:line:col})
     */
    public PolicyTestReport test(List<PolicyEdit> edits) {
        PolicySet next = PolicyEdit.applyAll(activeSet(), edits);
        return PolicyTestRunner.run(CompiledPolicy.compile(next, dev.maa.rego.EvalLimits.DEFAULT));
    }

    /** The number of the active revision, 0 while the engine runs the set it was started with. */
    public long activeNumber() {
        return store.active().map(PolicyRevision::number).orElse(0L);
    }

    /** The policy set in force: the active revision's, or the one the engine was started with. */
    public PolicySet activeSet() {
        return store.active().map(PolicyRevision::policySet).orElseGet(engine::policySet);
    }

    private PolicySet requireActive(long baseNumber) {
        long active = activeNumber();
        if (baseNumber != active) {
            PolicySet base = baseNumber == 0
                    ? initialSet
                    : store.get(baseNumber).map(PolicyRevision::policySet).orElse(null);
            throw new StalePolicyBaseException(
                    baseNumber, active, base == null ? "" : UnifiedDiff.of(base, activeSet()));
        }
        return activeSet();
    }

    /**
     * Compiles {@code set} and runs its tests; returns the test-override record (empty when all pass).
     */
    public static String validate(PolicySet set, String forceJustification) {
        dev.maa.api.TextLimits.check(
                "force justification",
                forceJustification,
                dev.maa.api.TextLimits.MAX_JUSTIFICATION,
                "No policy was changed.");
        PolicyTestReport report = PolicyTestRunner.run(CompiledPolicy.compile(set, dev.maa.rego.EvalLimits.DEFAULT));
        if (report.allPassed()) {
            return "";
        }
        if (forceJustification == null || forceJustification.isBlank()) {
            throw new PolicyTestsFailedException(report);
        }
        return "Forced despite " + report.failed() + " failing test(s) ("
                + String.join(
                        ", ",
                        report.failures().stream()
                                .map(PolicyTestReport.Result::name)
                                .toList())
                + "): " + forceJustification.strip();
    }

    /** The pending change of request {@code requestId} as a unified diff against the revision it was based on. */
    public String diff(String requestId) {
        ApprovalRequest request = maa.approvals().get(requestId);
        PolicyChange change = (PolicyChange) maa.codec()
                .decode(request.id(), request.payload(), request.digest())
                .args()
                .get(0);
        PolicySet base =
                store.get(change.baseNumber()).map(PolicyRevision::policySet).orElse(PolicySet.of(java.util.Map.of()));
        String header = "Policy change " + base.shortDigest() + " -> "
                + change.policySet().shortDigest()
                + " (based on revision " + change.baseNumber() + ")"
                + (change.testOverride().isEmpty() ? "" : "\n" + change.testOverride()) + "\n";
        return header + UnifiedDiff.of(base, change.policySet());
    }

    /** Every revision, newest first, with who pushed and approved it. */
    public List<PolicyRevision> list() {
        return store.list();
    }

    public Optional<PolicyRevision> active() {
        return store.active();
    }

    /** The unprotected implementation; reached only through the protected proxy (after approval, on replay). */
    private final class Activation implements PolicyAdmin {
        @Override
        public PolicyRevision activate(PolicyChange change) {
            long next = store.active().map(PolicyRevision::number).orElse(0L) + 1;
            if (change.baseNumber() != next - 1) {
                throw new PolicyRevisionConflictException(change.baseNumber() + 1);
            }
            // compile before storing: a revision in the store must always be loadable
            CompiledPolicy.compile(change.policySet(), dev.maa.rego.EvalLimits.DEFAULT);
            Optional<ApprovalRequest> request = maa.store().findOpen("ACCESS_POLICY/" + change.target());
            List<String> approvers = request.map(r -> r.reviews().stream()
                            .filter(v -> v.verdict() == Verdict.APPROVE)
                            .map(Review::reviewer)
                            .toList())
                    .orElse(List.of());
            String requester = request.map(r -> r.requester().id())
                    .orElseGet(() -> dev.maa.api.Maa.context()
                            .principal()
                            .map(Principal::id)
                            .orElse(""));
            PolicyRevision revision = new PolicyRevision(
                    next,
                    change.policySet(),
                    dev.maa.policies.internal.PolicyModules.compose(change.policySet())
                            .revision(),
                    clock.instant(),
                    requester,
                    approvers,
                    request.map(ApprovalRequest::id).orElse(""),
                    request.map(ApprovalRequest::justification).orElse(""),
                    change.testOverride());
            store.append(revision);
            engine.activate(change.policySet());
            try {
                maa.approvals().revalidateOpen(); // open requests whose rules changed end VOIDED
            } catch (RuntimeException e) {
                // the revision is active; the background jobs revalidate again, and completion does first
                LOG.warn("Revalidating open requests after revision {} failed: {}", next, e.toString());
            }
            return revision;
        }
    }
}
