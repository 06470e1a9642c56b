package dev.maa.core.workflow;

import dev.maa.api.RequestStore;
import dev.maa.core.store.InMemoryRequestStore;

/** {@link WorkflowStoreContract} on the in-memory store. */
class InMemoryWorkflowTest extends WorkflowStoreContract {

    @Override
    protected RequestStore openStore() {
        return new InMemoryRequestStore();
    }
}
