package dev.maa.core.audit;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEventType;
import dev.maa.api.AuditVerification;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks audit entries one at a time, in {@code seq} order, so that a store can verify a long log page by page with
 * flat memory. Every problem names its seq and the check that failed:
 * <ul>
 *   <li>{@code sequence}: a seq is missing or out of order (entries deleted or reordered);</li>
 *   <li>{@code link}: {@code prevHash} is not the previous entry's hash;</li>
 *   <li>{@code mac}: the hash is not the entry's keyed hash (nor, before the chain was keyed, its legacy hash), or an
 *       unkeyed entry follows a keyed one, or the newest entry is not keyed: edited or rewritten without the key;</li>
 *   <li>{@code staged-mac}: an event was staged without the key and sealed as {@code AUDIT_EVENT_REJECTED};</li>
 *   <li>{@code request-integrity}: a request was refused at completion because its store state disagreed with its
 *       audit trail ({@code INTEGRITY_FAILED}).</li>
 * </ul>
 * The last two are genuine entries recording tampering that was caught: they are reported (after any damage) until
 * retention purges them, so that nobody reads "intact" over an incident; they do not stop a purge.
 */
public final class ChainVerifier {

    private final AuditChain chain;
    private final List<String> problems = new ArrayList<>();
    /** Tampering that was caught and recorded by genuine entries: reported, but the chain itself is whole. */
    private final List<String> incidents = new ArrayList<>();

    private long expectedSeq;
    private String expectedPrev;
    private long checked;
    private long firstKeyedSeq = -1;
    private AuditEntry last;
    private boolean lastKeyed;

    ChainVerifier(AuditChain chain, long firstSeq, String anchorHash) {
        this.chain = chain;
        this.expectedSeq = firstSeq;
        this.expectedPrev = anchorHash;
    }

    /** Checks the next entry. */
    public void accept(AuditEntry entry) {
        checked++;
        long seq = entry.seq();
        if (seq != expectedSeq) {
            problems.add("seq " + expectedSeq
                    + (seq > expectedSeq
                            ? (seq - 1 == expectedSeq ? " is missing" : ".." + (seq - 1) + " are missing")
                            : " appears out of order (found " + seq + ")")
                    + ": check 'sequence' failed: entries were deleted or reordered");
        }
        if (!entry.prevHash().equals(expectedPrev)) {
            problems.add("seq " + seq + ": check 'link' failed: previous-hash link broken (expected "
                    + abbreviate(expectedPrev) + ", found " + abbreviate(entry.prevHash()) + ")");
        }
        boolean keyed = chain.authentic(entry);
        if (keyed) {
            if (firstKeyedSeq < 0) {
                firstKeyedSeq = seq;
            }
        } else if (firstKeyedSeq >= 0 && legacy(entry)) {
            problems.add("seq " + seq + ": check 'mac' failed: an unkeyed entry after the chain was keyed at seq "
                    + firstKeyedSeq + " (rewritten without the audit key)");
        } else if (firstKeyedSeq >= 0 || !legacy(entry)) {
            problems.add("seq " + seq + ": check 'mac' failed: content does not match its hash (entry was edited, "
                    + "or written without audit key " + chain.key().id() + ")");
        }
        if (keyed && entry.event().is(AuditEventType.AUDIT_EVENT_REJECTED)) {
            incidents.add("seq " + seq + ": check 'staged-mac' failed: an event for request '"
                    + entry.event().requestId() + "' was staged without the audit key (inserted into the staging table "
                    + "outside MAA) and sealed as " + AuditEventType.AUDIT_EVENT_REJECTED + ": "
                    + entry.event().detail());
        } else if (keyed && entry.event().is(AuditEventType.INTEGRITY_FAILED)) {
            incidents.add("seq " + seq + ": check 'request-integrity' failed: request '"
                    + entry.event().requestId() + "' was refused at completion: "
                    + entry.event().detail());
        }
        expectedSeq = seq + 1;
        expectedPrev = entry.hash();
        last = entry;
        lastKeyed = keyed;
    }

    private static boolean legacy(AuditEntry e) {
        return AuditChain.legacyHash(e.seq(), e.event(), e.prevHash()).equals(e.hash());
    }

    /** Adds a problem unless the newest entry accepted so far is keyed (a chain rewritten whole without the key). */
    public void requireKeyedTail() {
        if (last != null && !lastKeyed && firstKeyedSeq < 0) {
            problems.add("seq " + last.seq() + ": check 'mac' failed: the newest entry is not keyed with audit key "
                    + chain.key().id() + " (the chain was rewritten without the key, or the key is not the one that "
                    + "wrote it)");
        }
    }

    /** Records a problem found outside the entries (head, anchor, rows beyond the head). */
    public void problem(String problem) {
        problems.add(problem);
    }

    /** The last entry accepted, or {@code null}. */
    public AuditEntry last() {
        return last;
    }

    public long checked() {
        return checked;
    }

    /** Damage to the chain itself (without the incidents it records): what a retention purge must not anchor. */
    public List<String> damage() {
        return List.copyOf(problems);
    }

    /** Damage and recorded incidents, in that order. */
    public AuditVerification result() {
        List<String> all = new ArrayList<>(problems);
        all.addAll(incidents);
        return new AuditVerification(checked, all);
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
