package dev.maa.server.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Principal;
import dev.maa.api.Review;
import dev.maa.api.Verdict;
import dev.maa.core.KeyEnrollments;
import dev.maa.core.MaaEngine;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.TrustedKeys;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Key trust through approvals on {@code maa serve} (issue 17): asking other admins to approve a key change (an
 * enrollment after registration, see {@link PasskeyRoutes}, or a revocation), and how every key is trusted now.
 *
 * <p>Why the server only parks and lists: each key change is a {@link KeyEnrollments} request approved like any
 * other, and what it shows as trusted is what this host computes from its anchors and the stored records
 * ({@link TrustedKeys}); it holds no trust of its own.
 */
final class KeyTrustRoutes {

    private final ApprovalSigning signing;
    private final KeyEnrollments enrollments;
    private final Clock clock;

    KeyTrustRoutes(MaaEngine engine, Clock clock) {
        this.signing = engine.approvalSigning();
        this.enrollments = signing == null ? null : new KeyEnrollments(engine);
        this.clock = clock;
    }

    void register(Routes routes, java.util.function.UnaryOperator<Routes.AuthenticatedHandler> configured) {
        routes.authenticated(HandlerType.GET, "/api/v1/passkeys/trust", configured.apply(this::trust));
        routes.authenticated(HandlerType.POST, "/api/v1/passkeys/{id}/revocations", configured.apply(this::revoke));
    }

    /**
     * Parks the enrollment of a just-registered key for its owner {@code p}, to be approved by other admins' trusted
     * passkeys; returns the request id.
     */
    String requestEnrollment(
            Principal p, String keyId, KeyAlgorithm algorithm, byte[] spki, String aaguid, String justification) {
        return park(
                p,
                KeyRecord.enroll(keyId, p.canonical().id(), algorithm, spki, clock.instant()),
                aaguid,
                justification);
    }

    private String park(Principal p, KeyRecord record, String aaguid, String justification) {
        try {
            return enrollments.request(p, record, aaguid, justification);
        } catch (IllegalStateException e) {
            throw ApiError.conflict(
                    "key-change-not-approved",
                    "Add an access policy for key changes",
                    "A key change must be approved by other admins' passkeys, but no access policy requires approval"
                            + " of CUSTOM:approver-key here, so nothing was stored (" + e.getMessage() + "). Add"
                            + " one with approval_assurance: passkey (docs/security.md), or enroll with an anchor.");
        }
    }

    /** {@code POST /api/v1/passkeys/{id}/revocations}: parks the revocation of a trusted key. */
    private void revoke(Context ctx, Principal p) {
        Map<String, String> b = Bodies.strings(ctx, Set.of("justification"));
        TrustedKeys.TrustedKey key = signing.trustedKeys().get(ctx.pathParam("id"));
        if (key == null) {
            throw ApiError.notFound("No trusted key " + ctx.pathParam("id") + " (GET /api/v1/passkeys/trust lists"
                    + " them; a key no longer trusted needs no revocation).");
        }
        String id = park(
                p,
                KeyRecord.revoke(key.keyId(), key.reviewer(), clock.instant()),
                "",
                b.getOrDefault("justification", ""));
        RequestRoutes.json(ctx, 202, Map.of("requestId", id, "keyId", key.keyId(), "status", "pending approval"));
    }

    /**
     * {@code GET /api/v1/passkeys/trust}: every trusted key and how (anchor, or approvals by whom), the revoked key
     * ids, the key changes awaiting approval, and the records this host ignored.
     */
    private void trust(Context ctx, Principal p) {
        TrustedKeys t = signing.trustedKeys();
        List<Map<String, Object>> keys = new ArrayList<>();
        for (TrustedKeys.TrustedKey k : t.all()) {
            keys.add(keyJson(k));
        }
        keys.sort(java.util.Comparator.comparing(k -> k.get("reviewer") + " " + k.get("keyId")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enrollmentApprovals", signing.enrollmentApprovals());
        out.put("keys", keys);
        out.put("revoked", t.revoked().stream().sorted().toList());
        out.put("suspended", suspended(t, null));
        out.put("pending", pending(null));
        out.put("problems", t.problems());
        RequestRoutes.json(ctx, 200, out);
    }

    /**
     * The keys that stopped counting for a signature counter conflict, each with its owner and the reason, of
     * {@code owner} ({@code null}: everyone's); the owner is read from the stored proof (the host trusts the proof's
     * signatures, not its owner field, which only says whom to show it to).
     */
    List<Map<String, Object>> suspended(TrustedKeys t, String owner) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, String> owners = revokedOwners();
        t.suspended().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String who = owners.getOrDefault(e.getKey(), "");
            if (owner == null || dev.maa.api.Identities.same(who, owner)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("keyId", e.getKey());
                m.put("reviewer", who);
                m.put("reason", e.getValue());
                out.add(m);
            }
        });
        return out;
    }

    /** The owner each stored revocation (or counter-conflict proof) names, by key id. */
    Map<String, String> revokedOwners() {
        Map<String, String> out = new LinkedHashMap<>();
        for (dev.maa.core.signing.SignedKeyRecord sr : signing.keys().records()) {
            try {
                KeyRecord r = KeyRecord.parse(sr.record());
                if (r.type() == KeyRecord.Type.REVOKE) {
                    out.putIfAbsent(r.keyId(), r.reviewer());
                }
            } catch (IllegalArgumentException e) {
                // listed under problems by TrustedKeys
            }
        }
        return out;
    }

    static Map<String, Object> keyJson(TrustedKeys.TrustedKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keyId", k.keyId());
        m.put("reviewer", k.reviewer());
        m.put("algorithm", k.algorithm().wireName());
        m.put("trustedBy", k.trustedBy());
        m.put("approvers", k.approvers());
        return m;
    }

    /** The key changes awaiting approval or completion, of {@code owner}'s keys ({@code null}: everyone's). */
    List<Map<String, Object>> pending(String owner) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (enrollments == null) {
            return out;
        }
        for (ApprovalRequest r : enrollments.pending()) {
            KeyRecord record;
            try {
                record = enrollments.recordOf(r);
            } catch (RuntimeException e) {
                continue;
            }
            if (owner != null && !dev.maa.api.Identities.same(record.reviewer(), owner)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requestId", r.id());
            m.put("keyId", record.keyId());
            m.put("reviewer", record.reviewer());
            m.put("type", record.type().name().toLowerCase(java.util.Locale.ROOT));
            m.put("requester", r.requester().id());
            m.put("status", r.status().name());
            m.put("justification", r.justification());
            m.put(
                    "approvedBy",
                    r.reviews().stream()
                            .filter(v -> v.verdict() == Verdict.APPROVE)
                            .map(Review::reviewer)
                            .toList());
            out.add(m);
        }
        return out;
    }
}
