package dev.maa.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.Identities;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The impact previews an author asked for before submitting a change ({@link ImpactReports#preview}): each computing
 * until its replay ends, then kept for {@link #KEPT} so the author's page can poll it, and only for that author.
 *
 * <p>Why bounded here: a preview is asked for each time the Review step opens, so at most {@link #MAX} are kept (the
 * oldest finished ones go first) and each replay is cut after the timeout, ending with an error that says so rather
 * than computing unseen.
 */
final class ImpactPreviews {

    /** How many previews are kept at most. */
    static final int MAX = 32;

    /** How long a finished preview is kept for its author to read. */
    static final Duration KEPT = Duration.ofMinutes(15);

    /** One author's preview of one policy set. */
    static final class Preview {
        private final String id = UUID.randomUUID().toString();
        private final String setDigest;
        private final String author;
        private final Instant since;
        private final long deadline;
        private volatile String result;
        private volatile long doneAt;

        private Preview(String setDigest, String author, Instant since, long deadline) {
            this.setDigest = setDigest;
            this.author = author;
            this.since = since;
            this.deadline = deadline;
        }

        Instant since() {
            return since;
        }

        /** Whether its replay has run past the timeout. */
        boolean overdue() {
            return System.nanoTime() - deadline > 0;
        }

        /** Records the result (the JSON of {@link ImpactReports#compute}, or an error). */
        void done(String impact) {
            doneAt = System.nanoTime();
            result = impact;
        }

        /** Its JSON: {@code id}, then the result, or {@code head} with {@code "state": "computing"}. */
        String json(Map<String, Object> head) {
            String r = result;
            ObjectNode out = ImpactReports.object("{}");
            out.put("id", id);
            if (r == null) {
                out.setAll(ImpactReports.object(ImpactReports.json(head)));
                out.put("state", "computing");
            } else if (!r.isEmpty()) {
                out.setAll(ImpactReports.object(r));
            }
            return out.toString();
        }
    }

    private final Duration timeout;
    private final Map<String, Preview> byId = new LinkedHashMap<>();

    ImpactPreviews(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** The preview of {@code setDigest} by {@code author} still computing, or {@code null}. */
    synchronized Preview computing(String setDigest, String author) {
        for (Preview p : byId.values()) {
            if (p.result == null && p.setDigest.equals(setDigest) && Identities.same(p.author, author)) {
                return p;
            }
        }
        return null;
    }

    /** A new preview, computing; the oldest finished ones are dropped to keep at most {@link #MAX}. */
    synchronized Preview start(String setDigest, String author, Instant since) {
        long now = System.nanoTime();
        for (Iterator<Preview> it = byId.values().iterator(); it.hasNext(); ) {
            Preview p = it.next();
            if (p.result != null && (byId.size() >= MAX || now - p.doneAt > KEPT.toNanos())) {
                it.remove();
            }
        }
        Preview p = new Preview(setDigest, author, since, now + timeout.toNanos());
        byId.put(p.id, p);
        return p;
    }

    /** Preview {@code id} if it is kept and {@code author} asked for it. */
    synchronized Optional<Preview> find(String id, String author) {
        Preview p = byId.get(id);
        return p != null && Identities.same(p.author, author) ? Optional.of(p) : Optional.empty();
    }
}
