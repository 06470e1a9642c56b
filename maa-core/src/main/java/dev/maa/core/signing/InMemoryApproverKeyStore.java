package dev.maa.core.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** An {@link ApproverKeyStore} in memory, for the in-memory request store and tests. */
public final class InMemoryApproverKeyStore implements ApproverKeyStore {

    private record Use(String keyId, String requestId, long counter) {}

    private final List<SignedKeyRecord> records = new ArrayList<>();
    private final List<Use> uses = new ArrayList<>();

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
        uses.add(new Use(keyId, requestId, counter));
    }

    @Override
    public synchronized OptionalLong highestCounterBefore(String keyId, String requestId) {
        long max = -1;
        for (Use u : uses) {
            if (!u.keyId().equals(keyId)) {
                continue;
            }
            if (u.requestId().equals(requestId)) {
                break;
            }
            max = Math.max(max, u.counter());
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }
}
