package dev.maa.core.audit;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.AuditVerification;
import dev.maa.core.internal.AuditDetails;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The keyed audit chain: {@code hash(n) = HMAC-SHA256(key, seq, at, requestId, actor, type, detail, hash(n-1))}.
 *
 * <p>Every store computes hashes here, so entries written by one store verify in another holding the same
 * {@link AuditKey}. Fields are length-prefixed so that moving characters between adjacent fields changes the hash,
 * and timestamps are truncated to milliseconds (what every supported database stores exactly) before hashing.
 *
 * <p>Why keyed: with a plain hash anyone who can write the tables can recompute the whole chain after an edit. The key
 * lives outside the database, so an edit, an insertion or a rewrite shows as a failed {@code mac} check. Chains written
 * before the key existed used plain SHA-256 ({@link #legacyHash}); a store upgrading such a chain appends one keyed
 * {@code AUDIT_KEYED} entry, whose MAC covers the last legacy hash and therefore all history before it. From that
 * entry on every entry must be keyed.
 *
 * <p>Staged events (JDBC stores stage an event in the transaction of its change and seal it later) carry a MAC of
 * their own ({@link #stagedMac}); the sealer chains an event whose MAC does not verify as a {@code AUDIT_EVENT_REJECTED}
 * entry instead, so a row inserted into the staging table is never sealed as a genuine event, and verify reports it.
 */
public final class AuditChain {

    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private final AuditKey key;

    private AuditChain(AuditKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The chain under {@code key}. */
    public static AuditChain keyed(AuditKey key) {
        return new AuditChain(key);
    }

    public AuditKey key() {
        return key;
    }

    /** Timestamps as stored and hashed: milliseconds. Stores must persist exactly this value. */
    public static Instant normalize(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Builds the keyed entry that follows {@code prevHash} at position {@code seq}. */
    public AuditEntry link(long seq, AuditEvent event, String prevHash) {
        AuditEvent normalized =
                new AuditEvent(normalize(event.at()), event.requestId(), event.actor(), event.type(), event.detail());
        return new AuditEntry(seq, normalized, prevHash, hash(seq, normalized, prevHash));
    }

    /**
     * Seals a staged event: the keyed entry of {@code event} if {@code mac} authenticates it, else a
     * {@code AUDIT_EVENT_REJECTED} entry by {@code system} whose detail records the event as it was found.
     */
    public AuditEntry seal(long seq, AuditEvent event, String mac, String prevHash) {
        if (authenticStaged(event, mac)) {
            return link(seq, event, prevHash);
        }
        String found = AuditDetails.of(
                "reason",
                "staged event failed authentication (check staged-mac): it was"
                        + " not written by a node holding the audit key",
                "type",
                event.type(),
                "actor",
                event.actor(),
                "at",
                normalize(event.at()).toString(),
                "detail",
                event.detail());
        return link(
                seq,
                new AuditEvent(event.at(), event.requestId(), "system", AuditEventType.AUDIT_EVENT_REJECTED, found),
                prevHash);
    }

    /** The {@code AUDIT_KEYED} event that keys a chain of {@code legacyEntries} unkeyed entries. */
    public AuditEvent keyedAnchor(Instant now, long legacyEntries) {
        return new AuditEvent(
                now,
                "",
                "system",
                AuditEventType.AUDIT_KEYED,
                AuditDetails.of(
                        "key",
                        key.id(),
                        "legacyEntries",
                        legacyEntries,
                        "note",
                        "entries before this one were written without the audit key; "
                                + "this entry's MAC covers their last hash, so they can no longer change unnoticed"));
    }

    /** The keyed hash of an entry. */
    public String hash(long seq, AuditEvent e, String prevHash) {
        return key.mac(fields(seq, e, prevHash));
    }

    /** Whether {@code entry}'s stored hash is its keyed hash: written by a holder of the key, unchanged since. */
    public boolean authentic(AuditEntry entry) {
        return AuditKey.sameMac(hash(entry.seq(), entry.event(), entry.prevHash()), entry.hash());
    }

    /** The MAC a node stages with {@code event}, proving that a holder of the key wrote it. */
    public String stagedMac(AuditEvent e) {
        StringBuilder sb = new StringBuilder(128);
        field(sb, "staged");
        field(sb, normalize(e.at()).toString());
        field(sb, e.requestId());
        field(sb, e.actor());
        field(sb, e.type());
        field(sb, e.detail());
        return key.mac(sb.toString());
    }

    public boolean authenticStaged(AuditEvent e, String mac) {
        return AuditKey.sameMac(stagedMac(e), mac);
    }

    /** The plain SHA-256 hash of chains written before the key existed (legacy entries before a keyed anchor). */
    public static String legacyHash(long seq, AuditEvent e, String prevHash) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(fields(seq, e, prevHash).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    private static String fields(long seq, AuditEvent e, String prevHash) {
        StringBuilder sb = new StringBuilder(128);
        field(sb, Long.toString(seq));
        field(sb, normalize(e.at()).toString());
        field(sb, e.requestId());
        field(sb, e.actor());
        field(sb, e.type());
        field(sb, e.detail());
        field(sb, prevHash);
        return sb.toString();
    }

    private static void field(StringBuilder sb, String value) {
        sb.append(value.length()).append(':').append(value).append(';');
    }

    /** A verifier for entries read in {@code seq} order from {@code firstSeq}, following {@code anchorHash}. */
    public ChainVerifier verifier(long firstSeq, String anchorHash) {
        return new ChainVerifier(this, firstSeq, anchorHash);
    }

    /**
     * Checks a whole log read in {@code seq} order: sequence without gaps from {@code firstSeq}, each
     * {@code prevHash} equal to the previous hash, each hash recomputed, the newest entry keyed.
     *
     * @param firstSeq    the seq the log should start at (1, or the anchor's seq + 1 after a purge)
     * @param anchorHash  the hash the first entry must follow ({@link #GENESIS}, or the anchor's hash)
     */
    public AuditVerification verify(Iterable<AuditEntry> entries, long firstSeq, String anchorHash) {
        ChainVerifier v = verifier(firstSeq, anchorHash);
        entries.forEach(v::accept);
        v.requireKeyedTail();
        return v.result();
    }

    public AuditVerification verify(Iterable<AuditEntry> entries) {
        return verify(entries, 1, GENESIS);
    }
}
