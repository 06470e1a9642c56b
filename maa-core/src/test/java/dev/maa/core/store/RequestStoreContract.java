package dev.maa.core.store;

import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@link RequestStore} must do, whatever it keeps its data in. A store's test extends this class and
 * supplies a fresh, empty store per test plus ways to tamper with its data behind its back ({@link ContractStore});
 * the cases themselves live in one interface per topic.
 *
 * <p>Covers: insert and find, the one-open-request-per-object rule (also after a request closes), conditional
 * updates, every {@link RequestQuery} filter and paging, the audit chain (append, history, verify, tamper
 * detection), payload tampering staying visible, races between 16 threads, and the notification outbox.
 */
public abstract class RequestStoreContract
        implements InsertContract, UpdateContract, ListContract, AuditContract, RaceContract, OutboxContract {

    protected RequestStore store;

    /** A new store with no requests and an empty audit log. */
    protected abstract RequestStore createStore();

    /** Releases a store after a test; closes it by default when it is {@link AutoCloseable}. */
    protected void releaseStore(RequestStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public final RequestStore store() {
        return store;
    }

    @BeforeEach
    void createFreshStore() {
        store = createStore();
    }

    @AfterEach
    void releaseTheStore() throws Exception {
        releaseStore(store);
    }
}
