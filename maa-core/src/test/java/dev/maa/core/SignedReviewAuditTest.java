package dev.maa.core;

import static dev.maa.core.testing.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.Verdict;
import dev.maa.core.signing.ApproverKeyStore;
import dev.maa.core.signing.InMemoryApproverKeyStore;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.core.signing.SignedReview;
import dev.maa.core.signing.SignedReviewAudit;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.Passkeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The offline check of an audit export: the anchors alone accept it, and any changed byte of a signed review fails. */
class SignedReviewAuditTest extends SignedApprovalContractBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected dev.maa.api.RequestStore openStore() {
        return new InMemoryRequestStore();
    }

    @Override
    protected ApproverKeyStore keyStore() {
        return new InMemoryApproverKeyStore();
    }

    private List<AuditEntry> exported(String id) {
        return store.auditLog().forRequest(id);
    }

    private SignedReviewAudit.Result verify(List<AuditEntry> entries) {
        return SignedReviewAudit.verify(entries, anchor.anchors(), Passkeys.RP_ID, Set.of(Passkeys.ORIGIN));
    }

    @Test
    void export_ofASignedApproval_andASignedRejection_verifiesWithTheAnchorsAlone() {
        String approved = parked("app-1");
        approveSigned(approved, BOB, bobKey);
        String rejected = parked("app-2");
        engine.approvals()
                .review(
                        rejected,
                        BOB,
                        Verdict.REJECT,
                        "no",
                        bobKey.sign(statement(rejected, BOB, Verdict.REJECT, "no")));
        List<AuditEntry> all = new ArrayList<>(exported(approved));
        all.addAll(exported(rejected));

        SignedReviewAudit.Result r = verify(all);

        assertThat(r.problems()).isEmpty();
        assertThat(r.signedReviews()).isEqualTo(2);
    }

    @Test
    void export_withAnyByteOfTheSignedReviewChanged_isRejected() {
        String id = parked("app-1");
        approveSigned(id, BOB, bobKey);
        List<AuditEntry> trail = exported(id);
        int at = indexOfSigned(trail);
        SignedReview sr = SignedReview.fromJson(read(trail.get(at)).get("signed"));
        List<SignedReview> variants = new ArrayList<>();
        forEachByte(
                sr.authenticatorData(),
                b -> variants.add(new SignedReview(
                        sr.statement(), sr.keyId(), b, sr.clientDataJson(), sr.signature(), sr.enrollment())));
        forEachByte(
                sr.clientDataJson(),
                b -> variants.add(new SignedReview(
                        sr.statement(), sr.keyId(), sr.authenticatorData(), b, sr.signature(), sr.enrollment())));
        forEachByte(
                sr.signature(),
                b -> variants.add(new SignedReview(
                        sr.statement(), sr.keyId(), sr.authenticatorData(), sr.clientDataJson(), b, sr.enrollment())));
        forEachChar(
                sr.statement(),
                s -> variants.add(new SignedReview(
                        s, sr.keyId(), sr.authenticatorData(), sr.clientDataJson(), sr.signature(), sr.enrollment())));
        forEachChar(
                sr.enrollment().record(),
                rec -> variants.add(sr.withEnrollment(new SignedKeyRecord(
                        rec, sr.enrollment().signer(), sr.enrollment().signature()))));
        forEachChar(
                sr.keyId(),
                k -> variants.add(new SignedReview(
                        sr.statement(),
                        k,
                        sr.authenticatorData(),
                        sr.clientDataJson(),
                        sr.signature(),
                        sr.enrollment())));

        assertThat(verify(trail).ok()).isTrue();
        for (SignedReview v : variants) {
            List<AuditEntry> changed = new ArrayList<>(trail);
            changed.set(at, withSigned(trail.get(at), v));
            assertThat(verify(changed).problems()).as("changed: %s", v).hasSize(1);
        }
        assertThat(variants).hasSizeGreaterThan(500);
    }

    @Test
    void export_whoseRecordedNotesOrGroupsDifferFromTheStatement_isRejected() {
        String id = parked("app-1");
        approveSigned(id, BOB, bobKey);
        List<AuditEntry> trail = exported(id);
        int at = indexOfSigned(trail);

        for (UnaryOperator<ObjectNode> edit : List.<UnaryOperator<ObjectNode>>of(
                d -> d.put("notes", "other"),
                d -> (ObjectNode) d.set("groups", JSON.createArrayNode().add("App-Approvers")),
                d -> d.put("digest", "0".repeat(64)))) {
            List<AuditEntry> changed = new ArrayList<>(trail);
            AuditEntry e = trail.get(at);
            changed.set(at, withDetail(e, edit.apply(read(e).deepCopy()).toString()));
            assertThat(verify(changed).problems()).hasSize(1);
        }
    }

    private static int indexOfSigned(List<AuditEntry> trail) {
        for (int i = 0; i < trail.size(); i++) {
            if (trail.get(i).event().detail().contains("\"signed\"")) {
                return i;
            }
        }
        throw new AssertionError("no signed review in " + trail);
    }

    private static ObjectNode read(AuditEntry e) {
        try {
            return (ObjectNode) JSON.readTree(e.event().detail());
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private static AuditEntry withSigned(AuditEntry e, SignedReview v) {
        ObjectNode d = read(e);
        d.set("signed", JSON.valueToTree(v.toMap()));
        return withDetail(e, d.toString());
    }

    private static AuditEntry withDetail(AuditEntry e, String detail) {
        AuditEvent ev = e.event();
        return new AuditEntry(
                e.seq(),
                new AuditEvent(ev.at(), ev.requestId(), ev.actor(), ev.type(), detail),
                e.prevHash(),
                e.hash());
    }

    private static void forEachByte(byte[] bytes, java.util.function.Consumer<byte[]> out) {
        for (int i = 0; i < bytes.length; i++) {
            byte[] b = bytes.clone();
            b[i] ^= 0x01;
            out.accept(b);
        }
    }

    private static void forEachChar(String s, java.util.function.Consumer<String> out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char other = c == 'a' ? 'b' : 'a';
            out.accept(s.substring(0, i) + other + s.substring(i + 1));
        }
    }
}
