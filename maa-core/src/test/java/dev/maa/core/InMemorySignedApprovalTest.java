package dev.maa.core;

import dev.maa.api.RequestStore;
import dev.maa.core.signing.ApproverKeyStore;
import dev.maa.core.signing.InMemoryApproverKeyStore;
import dev.maa.core.store.InMemoryRequestStore;

/** {@link SignedApprovalContract} on the in-memory stores. */
class InMemorySignedApprovalTest extends SignedApprovalContract {

    @Override
    protected RequestStore openStore() {
        return new InMemoryRequestStore();
    }

    @Override
    protected ApproverKeyStore keyStore() {
        return new InMemoryApproverKeyStore();
    }
}
