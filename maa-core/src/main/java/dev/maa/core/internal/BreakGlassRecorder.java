package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.Decision;
import dev.maa.api.Notification;
import dev.maa.api.PolicyInput;
import dev.maa.api.Status;
import dev.maa.api.TextLimits;
import dev.maa.core.Gatekeeper;
import dev.maa.core.codec.ParkedCall;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records break-glass calls. Before the call runs, an {@code EMERGENCY_STARTED} audit entry is appended (if the
 * store is down the call does not run: fail closed). After it, the request is inserted in its final state,
 * COMPLETED or FAILED with {@code emergency = true}, audited {@code EMERGENCY_EXECUTED}, and so enters the
 * post-emergency review queue. Inserting it final means a pending request for the same object never blocks an
 * emergency; if the JVM dies in between, the EMERGENCY_STARTED entry is the evidence.
 */
final class BreakGlassRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(BreakGlassRecorder.class);

    private final EngineContext ctx;

    BreakGlassRecorder(EngineContext ctx) {
        this.ctx = ctx;
    }

    private record EmergencyAdmission(ApprovalRequest draft) implements Gatekeeper.Admission {}

    Gatekeeper.Admission begin(PolicyInput in, Decision decision, ParkedCall parked) {
        TextLimits.check(
                "justification", in.justification(), TextLimits.MAX_JUSTIFICATION, "Nothing was executed or stored.");
        Instant now = in.time();
        ApprovalRequest draft = ctx.diffs()
                .capture(ApprovalRequest.builder()
                        .id(UUID.randomUUID().toString())
                        .resource(in.resource())
                        .action(in.action())
                        .operation(parked.operation())
                        .requester(in.principal())
                        .justification(in.justification())
                        .urgent(in.urgent())
                        .emergency(true)
                        .factors(decision.factors())
                        .completion(decision.completion())
                        .payload(parked.payload())
                        .digest(parked.digest())
                        .status(Status.COMPLETING)
                        .createdAt(now)
                        .updatedAt(now)
                        .expiresAt(now)
                        .claimOwner(ctx.nodeId())
                        .policyRevision(decision.policyRevision())
                        .build());
        DefaultApprovalService.guard(() -> ctx.store()
                .auditLog()
                .append(new AuditEvent(
                        now,
                        draft.id(),
                        in.principal().id(),
                        AuditEventType.EMERGENCY_STARTED,
                        AuditDetails.of(
                                "resource",
                                in.resource().key(),
                                "action",
                                in.action(),
                                "operation",
                                parked.operation().signature(),
                                "digest",
                                parked.digest(),
                                "justification",
                                in.justification(),
                                "policyEffect",
                                decision.effect(),
                                "reasons",
                                decision.reasons()))));
        LOG.warn(
                "Break-glass: {} runs {} on {} bypassing the policy ({}); request {} awaits post-emergency review",
                in.principal().id(),
                parked.operation().signature(),
                in.resource().key(),
                decision.effect(),
                draft.id());
        return new EmergencyAdmission(draft);
    }

    /** Never throws: the call has already happened. */
    void record(Gatekeeper.Admission admission, Object result, Throwable thrown, boolean observed) {
        if (!(admission instanceof EmergencyAdmission ea)) {
            return;
        }
        ApprovalRequest draft = ea.draft();
        try {
            Instant now = ctx.clock().instant();
            String outcome = !observed
                    ? "break-glass call released; outcome not observed by the interceptor"
                    : thrown != null
                            ? thrown.getClass().getName() + ": " + thrown.getMessage()
                            : "ok" + (result == null ? "" : " (returned " + abbreviate(String.valueOf(result)) + ")");
            ApprovalRequest done = draft.toBuilder()
                    .status(thrown == null ? Status.COMPLETED : Status.FAILED)
                    .outcome(outcome)
                    .updatedAt(now)
                    .claimOwner(null)
                    .build();
            List<Notification> planned = ctx.notifications()
                    .plan(() -> ctx.notifications()
                            .toApprovers(
                                    Notification.Kind.EMERGENCY,
                                    done,
                                    ctx.breakGlass().reviewerGroups(),
                                    "Break-glass: " + done.requester().id() + " ran " + done.action() + " on "
                                            + done.resource().key() + " (request " + done.id()
                                            + "); close its post-emergency review"));
            ctx.notifications()
                    .insert(
                            done,
                            new AuditEvent(
                                    now,
                                    done.id(),
                                    done.requester().id(),
                                    AuditEventType.EMERGENCY_EXECUTED,
                                    AuditDetails.of(
                                            "status",
                                            done.status(),
                                            "outcome",
                                            outcome,
                                            "digest",
                                            done.digest(),
                                            "justification",
                                            done.justification())),
                            planned);
            ctx.notifications().committed(planned);
        } catch (RuntimeException e) {
            LOG.error(
                    "Break-glass request {} ran but could not be recorded ({}); its EMERGENCY_STARTED audit entry"
                            + " is the record. Review it manually.",
                    draft.id(),
                    e.toString());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }
}
