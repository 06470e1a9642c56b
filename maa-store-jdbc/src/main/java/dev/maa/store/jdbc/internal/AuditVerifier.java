package dev.maa.store.jdbc.internal;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditVerification;
import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.ChainVerifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Checks the stored chain: from the newest purge anchor (or genesis) through every entry up to the head row with
 * {@link ChainVerifier} (sequence, links, keyed hashes, reported incidents), then the tail against the head (catches
 * deleted or replaced newest entries), then for rows beyond the head (inserted by someone who bypassed the store).
 * Reads in pages, so memory stays flat for long logs. Every problem names its seq and the check that failed.
 */
public final class AuditVerifier {

    static final int PAGE = 5_000;

    private AuditVerifier() {}

    /** Verifies inside the caller's (snapshot) transaction. */
    public static AuditVerification verify(Connection c, AuditChain chain) throws SQLException {
        AuditRows.Link head = AuditRows.head(c, false);
        AuditRows.Link anchor = AuditRows.anchor(c);
        ChainVerifier v = verifySegment(c, chain, anchor, head.seq());
        if (anchor.seq() > head.seq()) {
            v.problem("anchor at seq " + anchor.seq() + ": check 'anchor' failed: it lies beyond the head (seq "
                    + head.seq() + "): the anchor or head table was altered");
        }
        v.requireKeyedTail();
        AuditEntry lastEntry = v.last();
        AuditRows.Link last = lastEntry == null ? anchor : new AuditRows.Link(lastEntry.seq(), lastEntry.hash());
        if (last.seq() < head.seq()) {
            long missingFrom = last.seq() + 1;
            v.problem("seq "
                    + (missingFrom == head.seq() ? missingFrom + " is" : missingFrom + ".." + head.seq() + " are")
                    + " missing at the end: check 'head' failed (the head records seq " + head.seq()
                    + "): the newest entries were deleted");
        } else if (!last.hash().equals(head.hash())) {
            v.problem("seq " + last.seq() + ": check 'head' failed: hash differs from the one recorded in the head "
                    + "(the newest entry was replaced)");
        }
        AuditRows.Link headNow = AuditRows.head(c, false);
        long beyond = AuditRows.countAfter(c, headNow.seq());
        if (beyond > 0) {
            v.problem(beyond + " entries after seq " + headNow.seq() + ": check 'beyond-head' failed: they lie beyond "
                    + "the head, inserted outside the store");
        }
        return v.result();
    }

    /** Checks the entries after {@code from} up to {@code upToSeq}, in pages, and returns the verifier holding them. */
    public static ChainVerifier verifySegment(Connection c, AuditChain chain, AuditRows.Link from, long upToSeq)
            throws SQLException {
        ChainVerifier v = chain.verifier(from.seq() + 1, from.hash());
        long after = from.seq();
        while (true) {
            List<AuditEntry> page = AuditRows.read(c, after, upToSeq, PAGE);
            if (page.isEmpty()) {
                return v;
            }
            page.forEach(v::accept);
            after = page.get(page.size() - 1).seq();
        }
    }
}
