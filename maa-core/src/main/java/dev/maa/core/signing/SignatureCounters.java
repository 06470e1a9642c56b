package dev.maa.core.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebAuthn signature counters of one key's signed statements, compared with each other: a cloned authenticator (or
 * a database that rewound the stored counter) shows as a counter that did not go up in the order the statements were
 * signed.
 *
 * <p>Why from signed statements rather than the stored counter: the store's counter is a row a database writer can
 * rewind; the counter inside a signed review is covered by the key's own signature, and so is the statement's time
 * (its SHA-256 is the challenge). WebAuthn L2 §6.1.1 and §7.2 step 21: if either counter is non-zero, a later use
 * whose counter is not greater than an earlier one's signals a clone. So two signed uses of one key conflict when they
 * carry the same non-zero counter, or when one was made more than {@link #ORDER_TOLERANCE} before the other and the
 * later one's counter is lower (unless both are 0). A key whose every use says 0 (synced passkeys keep no counter) never conflicts: for such keys
 * there is no clone detection. A conflict is itself proof, signed by the key: {@link #evidence} stores the two
 * reviews as a record every host verifies ({@link TrustedKeys}), and the key stops counting everywhere.
 */
public final class SignatureCounters {

    /** The {@code signer} of a record that proves a counter conflict (it holds spaces: never an anchor's name). */
    public static final String SIGNER = "signature counter conflict";
    /**
     * How far apart two statements' times must be before their order counts: a statement's time is when the server
     * made it (the console fetched it), not when it was signed, so two fetched close together may be signed in the
     * other order, and cluster nodes' clocks differ a little.
     */
    public static final Duration ORDER_TOLERANCE = Duration.ofMinutes(10);
    /** How many uses of one key a host keeps in memory (the most recently signed). */
    static final int USES_PER_KEY = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One signed use of a key.
     *
     * @param where what it signed, for messages ({@code request ID})
     */
    public record Use(String keyId, Instant time, long counter, String where, SignedReview review) {

        /** The use {@code review} makes of its key; {@code null} if its statement cannot be read. */
        public static Use of(SignedReview review) {
            try {
                ApprovalStatement s = ApprovalStatement.parse(review.statement());
                return new Use(review.keyId(), s.time(), review.counter(), "request " + s.requestId(), review);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** The same statement signed once: its enrollment attached or not, it is one use. */
        boolean same(Use o) {
            return review.statement().equals(o.review.statement())
                    && java.util.Arrays.equals(review.signature(), o.review.signature());
        }

        private String text() {
            return "counter " + counter + " at " + time + " (" + where + ")";
        }
    }

    /** Two uses of one key whose counters say it was cloned. */
    public record Conflict(Use earlier, Use later) {

        public String keyId() {
            return earlier.keyId();
        }

        /** What is wrong and what follows. */
        public String reason() {
            return "the signature counter of key " + keyId() + " did not go up in the order of its signed statements ("
                    + earlier.text() + ", then " + later.text()
                    + "): the authenticator may have been cloned, so the key stops counting until it is enrolled"
                    + " again";
        }
    }

    private final Map<String, List<Use>> seen = new ConcurrentHashMap<>();

    /** The first conflict among {@code uses} (of one key), or {@code null}; a use listed twice counts once. */
    public static Conflict conflict(Collection<Use> uses) {
        List<Use> distinct = new ArrayList<>();
        for (Use u : uses) {
            if (u != null && distinct.stream().noneMatch(u::same)) {
                distinct.add(u);
            }
        }
        distinct.sort(Comparator.comparing(Use::time));
        for (int i = 0; i < distinct.size(); i++) {
            for (int j = i + 1; j < distinct.size(); j++) {
                Use a = distinct.get(i);
                Use b = distinct.get(j);
                boolean counted = a.counter() != 0 || b.counter() != 0;
                boolean apart = Duration.between(a.time(), b.time()).compareTo(ORDER_TOLERANCE) > 0;
                if (counted && (a.counter() == b.counter() || apart && b.counter() < a.counter())) {
                    return new Conflict(a, b);
                }
            }
        }
        return null;
    }

    /** The conflict {@code use} makes with the uses of its key this host remembers and {@code others}, or null. */
    Conflict conflictWith(Use use, Collection<Use> others) {
        List<Use> all = new ArrayList<>(others);
        all.addAll(seen.getOrDefault(use.keyId(), List.of()));
        for (Use other : all) {
            Conflict c = conflict(List.of(other, use));
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Remembers a use whose signature this host verified (a database writer cannot make the host forget it). */
    void remember(Use use) {
        seen.compute(use.keyId(), (k, list) -> {
            List<Use> out = list == null ? new ArrayList<>() : new ArrayList<>(list);
            if (out.stream().noneMatch(use::same)) {
                out.add(use);
                out.sort(Comparator.comparing(Use::time));
                if (out.size() > USES_PER_KEY) {
                    out.remove(0);
                }
            }
            return List.copyOf(out);
        });
    }

    /** The record that proves {@code c} (both reviews, signed by the key), for key {@code c.keyId()} of {@code owner}. */
    public static SignedKeyRecord evidence(Conflict c, String owner, Instant at) {
        TreeMap<String, Object> m = new TreeMap<>();
        m.put(
                "reviews",
                List.of(c.earlier().review().toMap(), c.later().review().toMap()));
        m.put("v", 1);
        try {
            return new SignedKeyRecord(
                    KeyRecord.revoke(c.keyId(), owner, at).canonicalJson(), SIGNER, JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a counter conflict", e);
        }
    }

    /** Whether {@code sr} claims a counter conflict (proven only once {@link TrustedKeys} verifies its reviews). */
    public static boolean carries(SignedKeyRecord sr) {
        return SIGNER.equals(sr.signer());
    }

    /**
     * The reviews a conflict record holds.
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    static List<SignedReview> reviewsOf(SignedKeyRecord sr) {
        JsonNode n;
        try {
            n = JSON.readTree(sr.signature());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a counter conflict is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || n.path("v").asInt(-1) != 1 || n.path("reviews").size() != 2) {
            throw new IllegalArgumentException("a counter conflict must be a version 1 object with two 'reviews'");
        }
        List<SignedReview> out = new ArrayList<>();
        n.get("reviews").forEach(r -> out.add(SignedReview.fromJson(r)));
        return out;
    }

    /** Groups {@code uses} by key, keeping their order. */
    static Map<String, List<Use>> byKey(Collection<Use> uses) {
        Map<String, List<Use>> out = new LinkedHashMap<>();
        uses.forEach(u -> out.computeIfAbsent(u.keyId(), k -> new ArrayList<>()).add(u));
        return out;
    }
}
