package dev.maa.store.jdbc;

import dev.maa.api.RequestStore;
import dev.maa.core.workflow.WorkflowStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;

/** {@link WorkflowStoreContract} (stages, withdrawals, execution windows) on H2 and PostgreSQL. */
class JdbcWorkflowTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Nested
    class OnH2 extends WorkflowStoreContract {
        @Override
        protected RequestStore openStore() {
            return JdbcStores.h2InMemory("workflow" + DATABASES.incrementAndGet());
        }

        @Override
        protected void closeStore(RequestStore s) {
            ((JdbcRequestStore) s).close();
        }
    }

    @Nested
    class OnPostgres extends WorkflowStoreContract {
        @Override
        protected RequestStore openStore() {
            return JdbcStores.postgres(EmbeddedPostgresSupport.newDatabase("workflow"), "postgres", "postgres");
        }

        @Override
        protected void closeStore(RequestStore s) {
            ((JdbcRequestStore) s).close();
        }
    }
}
