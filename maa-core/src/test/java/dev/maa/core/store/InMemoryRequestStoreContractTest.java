package dev.maa.core.store;

import dev.maa.api.RequestStore;

/** The store contract, run against {@link InMemoryRequestStore}. */
class InMemoryRequestStoreContractTest extends RequestStoreContract {

    @Override
    protected RequestStore createStore() {
        return new InMemoryRequestStore();
    }

    @Override
    public void tamperAuditDetail(RequestStore store, long seq, String detail) {
        ((InMemoryRequestStore) store).tampering().editAuditDetail(seq, detail);
    }

    @Override
    public void deleteAuditEntry(RequestStore store, long seq) {
        ((InMemoryRequestStore) store).tampering().deleteAuditEntry(seq);
    }

    @Override
    public void tamperPayload(RequestStore store, String requestId, String payload) {
        ((InMemoryRequestStore) store).tampering().replacePayload(requestId, payload);
    }
}
