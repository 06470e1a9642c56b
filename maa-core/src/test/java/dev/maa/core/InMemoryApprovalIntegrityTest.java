package dev.maa.core;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.RequestStore;
import dev.maa.core.store.InMemoryRequestStore;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@link ApprovalIntegrityContract} on the in-memory store, forged through its tampering hooks. */
class InMemoryApprovalIntegrityTest extends ApprovalIntegrityContract {

    @Override
    protected RequestStore openStore() {
        return new InMemoryRequestStore();
    }

    private InMemoryRequestStore.Tampering tampering() {
        return ((InMemoryRequestStore) store).tampering();
    }

    @Override
    protected void writeRequest(ApprovalRequest forged) {
        tampering().replaceRequest(forged);
    }

    @Override
    protected void writeAudit(UnaryOperator<List<AuditEntry>> rewrite) {
        tampering().rewriteAudit(rewrite.apply(store.auditLog().read(0, Integer.MAX_VALUE)));
    }
}
