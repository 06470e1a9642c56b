package dev.maa.core;

import dev.maa.api.RequestStore;
import dev.maa.core.signing.ApproverKeyStore;
import dev.maa.core.signing.InMemoryApproverKeyStore;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.core.store.InMemoryRequestStore;
import java.util.List;
import java.util.OptionalLong;

/** {@link SignedApprovalContract} on the in-memory stores. */
class InMemorySignedApprovalTest extends SignedApprovalContract {

    @Override
    protected RequestStore openStore() {
        return new InMemoryRequestStore();
    }

    @Override
    protected ApproverKeyStore keyStore() {
        return new Rewindable();
    }

    @Override
    protected void rewindKeyCounters() {
        ((Rewindable) keys).uses = new InMemoryApproverKeyStore();
    }

    /** The in-memory key store whose counters a test can forget, as a database writer rewinds its rows. */
    private static final class Rewindable implements ApproverKeyStore {
        private final InMemoryApproverKeyStore records = new InMemoryApproverKeyStore();
        private volatile InMemoryApproverKeyStore uses = new InMemoryApproverKeyStore();

        @Override
        public List<SignedKeyRecord> records() {
            return records.records();
        }

        @Override
        public void add(SignedKeyRecord record) {
            records.add(record);
        }

        @Override
        public void recordUse(String keyId, String requestId, long counter) {
            uses.recordUse(keyId, requestId, counter);
        }

        @Override
        public OptionalLong highestCounterBefore(String keyId, String requestId) {
            return uses.highestCounterBefore(keyId, requestId);
        }
    }
}
