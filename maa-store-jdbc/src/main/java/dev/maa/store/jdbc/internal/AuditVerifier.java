package dev.maa.store.jdbc.internal;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditVerification;
import dev.maa.core.audit.AuditChain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the stored chain: from the newest purge anchor (or genesis) through every entry up to the head row,
 * then the tail against the head (catches deleted or replaced newest entries), then for rows beyond the head
 * (inserted by someone who bypassed the store). Reads in pages, so memory stays flat for long logs.
 */
public final class AuditVerifier {

    static final int PAGE = 5_000;

    private AuditVerifier() {
    }

    /** Verifies inside the caller's (snapshot) transaction. */
    public static AuditVerification verify(Connection c) throws SQLException {
        AuditRows.Link head = AuditRows.head(c, false);
        AuditRows.Link anchor = AuditRows.anchor(c);
        List<String> problems = new ArrayList<>();
        if (anchor.seq() > head.seq()) {
            problems.add("anchor at seq " + anchor.seq() + " lies beyond the head (seq " + head.seq()
                    + "): the anchor or head table was altered");
        }
        Segment segment = verifySegment(c, anchor, head.seq());
        problems.addAll(segment.problems());
        AuditRows.Link last = segment.last();
        if (last.seq() < head.seq()) {
            long missingFrom = last.seq() + 1;
            problems.add("seq " + (missingFrom == head.seq() ? missingFrom + " is" : missingFrom + ".." + head.seq() + " are")
                    + " missing at the end (the head records seq " + head.seq() + "): the newest entries were deleted");
        } else if (!last.hash().equals(head.hash())) {
            problems.add("seq " + last.seq() + ": hash differs from the one recorded in the head (the newest entry was replaced)");
        }
        AuditRows.Link headNow = AuditRows.head(c, false);
        long beyond = AuditRows.countAfter(c, headNow.seq());
        if (beyond > 0) {
            problems.add(beyond + " entries after seq " + headNow.seq() + " lie beyond the head: they were inserted "
                    + "outside the store");
        }
        return new AuditVerification(segment.checked(), problems);
    }

    /** The result of checking entries {@code from.seq < seq <= upToSeq} against the link they must follow. */
    public record Segment(long checked, List<String> problems, AuditRows.Link last) {
    }

    /** Checks the entries after {@code from} up to {@code upToSeq}, in pages; {@code last} is the last entry read. */
    public static Segment verifySegment(Connection c, AuditRows.Link from, long upToSeq) throws SQLException {
        List<String> problems = new ArrayList<>();
        long checked = 0;
        long expectedSeq = from.seq() + 1;
        String expectedPrev = from.hash();
        AuditRows.Link last = from;
        while (true) {
            List<AuditEntry> page = AuditRows.read(c, last.seq(), upToSeq, PAGE);
            if (page.isEmpty()) {
                break;
            }
            // chunked verification is exact: AuditChain continues from the last entry's own seq and stored hash
            AuditVerification result = AuditChain.verify(page, expectedSeq, expectedPrev);
            problems.addAll(result.problems());
            checked += result.entriesChecked();
            AuditEntry tail = page.get(page.size() - 1);
            last = new AuditRows.Link(tail.seq(), tail.hash());
            expectedSeq = tail.seq() + 1;
            expectedPrev = tail.hash();
        }
        return new Segment(checked, problems, last);
    }
}
