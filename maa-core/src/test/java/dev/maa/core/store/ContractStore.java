package dev.maa.core.store;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The store under test, as the parts of {@link RequestStoreContract} see it: the store, ways to tamper with its
 * data behind its back, and helpers that write or read through it.
 */
public interface ContractStore {

    /** The fresh, empty store of the running test. */
    RequestStore store();

    /** Overwrites the {@code detail} of the stored audit entry {@code seq}, bypassing the store. */
    void tamperAuditDetail(RequestStore store, long seq, String detail);

    /** Deletes the stored audit entry {@code seq}, bypassing the store (its own bookkeeping of the head stays). */
    void deleteAuditEntry(RequestStore store, long seq);

    /** Replaces the stored payload of a request, bypassing the store and leaving its digest as it was. */
    void tamperPayload(RequestStore store, String requestId, String payload);

    default long auditSize() {
        return store().auditLog().read(0, 10_000).size();
    }

    /** Appends {@code n} entries through transitions and plain events, seq 1..n. */
    default void writeHistory(int n) {
        store().insert(request("h1", "hist", 0), event("h1", "SUBMITTED"));
        for (int i = 2; i <= n; i++) {
            store().auditLog().append(event("h1", "NOTE", T0.plusSeconds(i)));
        }
        assertThat(store().auditLog().verify().intact()).isTrue();
    }

    default void insertAll(ApprovalRequest... requests) {
        for (ApprovalRequest r : requests) {
            store().insert(r, event(r.id(), "SUBMITTED"));
        }
    }

    default List<String> pagedIds(RequestQuery query, int pageSize) {
        List<String> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < 10_000; offset += pageSize) {
            List<ApprovalRequest> page = store().list(query.page(offset, pageSize));
            for (ApprovalRequest r : page) {
                assertThat(seen.add(r.id()))
                        .as("%s appears on two pages", r.id())
                        .isTrue();
                all.add(r.id());
            }
            if (page.size() < pageSize) {
                break;
            }
        }
        return all;
    }
}
