package dev.maa.core.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEventType;
import dev.maa.api.Identities;
import dev.maa.api.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Re-verifies every passkey-signed review in audit entries with nothing but the anchors: what
 * {@code maa approvals verify EXPORT.jsonl --anchors FILE} and {@code maa audit verify --signatures} run.
 *
 * <p>Why it needs no store: each signed review's audit event carries the statement, the WebAuthn bytes and the key's
 * anchor-signed enrollment, so the anchor keys alone decide whether it is genuine. Each signed review is checked
 * against its own event: the statement names the event's request, reviewer and decision, the digest, groups and notes
 * the event records, and its assertion verifies under a key an anchor enrolled for that reviewer. Any changed byte of
 * a signed review (statement, client data, authenticator data, signature, enrollment) fails one of these checks.
 * Revocations are not in an export: the host checks them at completion against the store's records. Across the
 * export, the signature counters of each key's verified reviews must go up in the order of their signed times
 * ({@link SignatureCounters}): a conflict names both reviews.
 */
public final class SignedReviewAudit {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a verification found. */
    public record Result(int signedReviews, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private SignedReviewAudit() {}

    /**
     * Verifies the signed reviews in {@code entries} under {@code anchors}; {@code rpId} and {@code origins} are
     * checked when given (not {@code null}).
     */
    public static Result verify(List<AuditEntry> entries, Anchors anchors, String rpId, Set<String> origins) {
        return verify(entries, anchors, rpId, origins, TrustedKeys.ApprovalRule.DEFAULT_APPROVALS);
    }

    /**
     * As {@link #verify(List, Anchors, String, Set)}, trusting a key enrolled by request once {@code
     * enrollmentApprovals} (at least 2: the host's {@code approvals.enrollment_approvals}) other admins' keys approved
     * it.
     */
    public static Result verify(
            List<AuditEntry> entries, Anchors anchors, String rpId, Set<String> origins, int enrollmentApprovals) {
        TrustedKeys.ApprovalRule rule = new TrustedKeys.ApprovalRule(enrollmentApprovals, rpId, origins);
        int signed = 0;
        List<String> problems = new ArrayList<>();
        List<SignatureCounters.Use> uses = new ArrayList<>();
        for (AuditEntry e : entries) {
            AuditEventType type = AuditEventType.find(e.event().type()).orElse(null);
            if (type != AuditEventType.APPROVED
                    && type != AuditEventType.APPROVAL_RECORDED
                    && type != AuditEventType.REJECTED) {
                continue;
            }
            JsonNode d;
            try {
                d = JSON.readTree(e.event().detail());
            } catch (IOException ex) {
                continue; // legacy free-text details carry no signature
            }
            if (d == null || !d.has("signed")) {
                continue;
            }
            signed++;
            String problem = problem(e, type, d, anchors, rule);
            if (problem == null) {
                uses.add(SignatureCounters.Use.of(SignedReview.fromJson(d.get("signed"))));
            } else {
                problems.add("seq " + e.seq() + " (" + e.event().type() + " of request "
                        + e.event().requestId() + " by " + e.event().actor() + "): " + problem);
            }
        }
        SignatureCounters.byKey(uses).values().stream()
                .map(SignatureCounters::conflict)
                .filter(java.util.Objects::nonNull)
                .forEach(c -> problems.add(c.reason()));
        return new Result(signed, problems);
    }

    private static String problem(
            AuditEntry e, AuditEventType type, JsonNode d, Anchors anchors, TrustedKeys.ApprovalRule rule) {
        SignedReview sr;
        ApprovalStatement s;
        try {
            sr = SignedReview.fromJson(d.get("signed"));
            s = ApprovalStatement.parse(sr.statement());
        } catch (IllegalArgumentException ex) {
            return ex.getMessage();
        }
        if (!s.requestId().equals(e.event().requestId())) {
            return "the statement names request " + s.requestId();
        }
        if (!Identities.same(s.reviewer(), e.event().actor())) {
            return "the statement names reviewer " + s.reviewer();
        }
        Verdict verdict = type == AuditEventType.REJECTED ? Verdict.REJECT : Verdict.APPROVE;
        if (s.decision() != verdict) {
            return "the statement says " + s.decision() + ", the event is "
                    + e.event().type();
        }
        if (d.has("digest") && !s.digest().equals(d.get("digest").asText())) {
            return "the statement approves digest " + s.digest() + ", the event records "
                    + d.get("digest").asText();
        }
        if (!s.notesSha256().equals(Bytes.sha256Hex(d.path("notes").asText("")))) {
            return "the statement's notes hash is not the hash of the recorded notes";
        }
        if (d.has("groups")) {
            Set<String> groups = new TreeSet<>();
            d.get("groups").forEach(g -> groups.add(Identities.canonical(g.asText())));
            if (!groups.equals(new TreeSet<>(s.groups()))) {
                return "the statement's groups " + s.groups() + " are not the recorded " + groups;
            }
        }
        if (sr.enrollment() == null) {
            return "the signed review carries no enrollment of key " + sr.keyId() + " (recorded without anchors)";
        }
        TrustedKeys keys = TrustedKeys.compute(anchors, List.of(sr.enrollment()), rule);
        String untrusted = keys.untrusted(sr.keyId(), e.event().actor());
        if (untrusted != null) {
            return untrusted + (keys.problems().isEmpty() ? "" : " (" + String.join("; ", keys.problems()) + ")");
        }
        return ApprovalSigning.assertionProblem(
                sr, keys.get(sr.keyId()), rule.rpId(), rule.origins(), ApprovalSigning.SignatureVerifier.PLAIN);
    }
}
