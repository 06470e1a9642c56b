package dev.maa.core.signing;

import java.util.List;
import java.util.OptionalLong;

/**
 * Where signed key records and the signature counters of passkey reviews are kept (the request store's database).
 *
 * <p>Why nothing here is trusted: anyone with database access can write these rows. Records count only once the host
 * verifies their anchor signatures ({@link TrustedKeys}); counters only help detect a cloned authenticator (a counter
 * that goes backwards), and a writer who deletes uses gains no signature it could not already replay on the one
 * request and digest it names.
 */
public interface ApproverKeyStore {

    /** Every stored record, in the order they were added. */
    List<SignedKeyRecord> records();

    /** Stores a record (an enrollment or revocation signed by an anchor); the store does not check it. */
    void add(SignedKeyRecord record);

    /** Notes that key {@code keyId} signed a review of {@code requestId} with signature counter {@code counter}. */
    void recordUse(String keyId, String requestId, long counter);

    /**
     * The highest counter of key {@code keyId}'s uses recorded before its (first) use for {@code requestId}, or of all
     * its uses if none is for {@code requestId}; empty if there are none.
     */
    OptionalLong highestCounterBefore(String keyId, String requestId);
}
