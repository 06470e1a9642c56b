package dev.maa.core.signing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * An {@link ApproverKeyStore} in memory, for the in-memory request store and tests. Counters are kept per key with
 * the running maximum, so a look-up costs the same however many reviews a key signed.
 */
public final class InMemoryApproverKeyStore implements ApproverKeyStore {

    /** One key's uses: the running maximum of the counters before each, and where each request's first use is. */
    private static final class Uses {
        final List<Long> maxBefore = new ArrayList<>();
        final Map<String, Integer> firstUse = new HashMap<>();
        long max = -1;
    }

    private final List<SignedKeyRecord> records = new ArrayList<>();
    private final Map<String, Uses> uses = new HashMap<>();

    @Override
    public synchronized List<SignedKeyRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void add(SignedKeyRecord record) {
        records.add(record);
    }

    @Override
    public synchronized void recordUse(String keyId, String requestId, long counter) {
        Uses u = uses.computeIfAbsent(keyId, k -> new Uses());
        u.firstUse.putIfAbsent(requestId, u.maxBefore.size());
        u.maxBefore.add(u.max);
        u.max = Math.max(u.max, counter);
    }

    @Override
    public synchronized OptionalLong highestCounterBefore(String keyId, String requestId) {
        Uses u = uses.get(keyId);
        if (u == null) {
            return OptionalLong.empty();
        }
        Integer first = u.firstUse.get(requestId);
        long max = first == null ? u.max : u.maxBefore.get(first);
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }
}
