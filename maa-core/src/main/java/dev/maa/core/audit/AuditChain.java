package dev.maa.core.audit;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditVerification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit hash chain: {@code hash(n) = SHA-256(seq, at, requestId, actor, type, detail, hash(n-1))}.
 *
 * <p>Every store computes hashes here, so entries written by one store verify in another. Fields are
 * length-prefixed so that moving characters between adjacent fields changes the hash, and timestamps are
 * truncated to milliseconds (what every supported database stores exactly) before hashing.
 */
public final class AuditChain {

    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** Timestamps as stored and hashed: milliseconds. Stores must persist exactly this value. */
    public static Instant normalize(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Builds the entry that follows {@code prevHash} at position {@code seq}. */
    public static AuditEntry link(long seq, AuditEvent event, String prevHash) {
        AuditEvent normalized = new AuditEvent(normalize(event.at()), event.requestId(), event.actor(),
                event.type(), event.detail());
        return new AuditEntry(seq, normalized, prevHash, hash(seq, normalized, prevHash));
    }

    public static String hash(long seq, AuditEvent e, String prevHash) {
        StringBuilder sb = new StringBuilder(128);
        field(sb, Long.toString(seq));
        field(sb, normalize(e.at()).toString());
        field(sb, e.requestId());
        field(sb, e.actor());
        field(sb, e.type());
        field(sb, e.detail());
        field(sb, prevHash);
        return HexFormat.of().formatHex(sha256().digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder sb, String value) {
        sb.append(value.length()).append(':').append(value).append(';');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Checks a whole log read in {@code seq} order: sequence without gaps from {@code firstSeq}, each
     * {@code prevHash} equal to the previous hash, each hash recomputed from the entry's fields.
     *
     * @param firstSeq    the seq the log should start at (1, or the anchor's seq + 1 after a purge)
     * @param anchorHash  the hash the first entry must follow ({@link #GENESIS}, or the anchor's hash)
     */
    public static AuditVerification verify(Iterable<AuditEntry> entries, long firstSeq, String anchorHash) {
        List<String> problems = new ArrayList<>();
        long expectedSeq = firstSeq;
        String expectedPrev = anchorHash;
        long checked = 0;
        for (AuditEntry entry : entries) {
            checked++;
            if (entry.seq() != expectedSeq) {
                problems.add("seq " + expectedSeq + (entry.seq() > expectedSeq
                        ? (entry.seq() - 1 == expectedSeq ? " is missing" : ".." + (entry.seq() - 1) + " are missing")
                        : " appears out of order (found " + entry.seq() + ")") + ": entries were deleted or reordered");
            }
            if (!entry.prevHash().equals(expectedPrev)) {
                problems.add("seq " + entry.seq() + ": previous-hash link broken (expected " + abbreviate(expectedPrev)
                        + ", found " + abbreviate(entry.prevHash()) + ")");
            }
            String recomputed = hash(entry.seq(), entry.event(), entry.prevHash());
            if (!recomputed.equals(entry.hash())) {
                problems.add("seq " + entry.seq() + ": content does not match its hash (entry was edited)");
            }
            expectedSeq = entry.seq() + 1;
            expectedPrev = entry.hash();
        }
        return new AuditVerification(checked, problems);
    }

    public static AuditVerification verify(Iterable<AuditEntry> entries) {
        return verify(entries, 1, GENESIS);
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
