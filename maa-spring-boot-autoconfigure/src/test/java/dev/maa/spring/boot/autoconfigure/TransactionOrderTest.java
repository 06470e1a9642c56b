package dev.maa.spring.boot.autoconfigure;

import static dev.maa.api.Action.CREATE;
import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** The advisor's default order puts it outside {@code @Transactional}: a parked call opens no transaction. */
class TransactionOrderTest {

    /** Records every transaction it begins. */
    static final class RecordingTransactions extends AbstractPlatformTransactionManager {
        private static final long serialVersionUID = 1L;
        final transient List<String> begun = new CopyOnWriteArrayList<>();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun.add(definition.getName());
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {}

        @Override
        protected void doRollback(DefaultTransactionStatus status) {}
    }

    /** A transactional, protected service. */
    public static class TxApps {
        @Transactional
        @Protected(resource = APP, action = DELETE, objectId = "appId")
        public void deleteApp(String appId) {}

        @Transactional
        @Protected(resource = APP, action = CREATE, objectId = "appId")
        public void createApp(String appId) {}
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Tx {
        @Bean
        RecordingTransactions transactionManager() {
            return new RecordingTransactions();
        }

        @Bean
        TxApps txApps() {
            return new TxApps();
        }
    }

    @Test
    void parkedCall_opensNoTransaction_allowedCallRunsInOne() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, MaaAutoConfiguration.class))
                .withUserConfiguration(TestPolicies.class, Tx.class)
                .withPropertyValues("maa.executor.enabled=false")
                .run(ctx -> {
                    TxApps apps = ctx.getBean(TxApps.class);
                    RecordingTransactions tx = ctx.getBean(RecordingTransactions.class);
                    try (var as = Maa.actingAs(Principal.of("alice"))) {
                        assertThatThrownBy(() -> apps.deleteApp("42")).isInstanceOf(ApprovalRequiredException.class);
                        assertThat(tx.begun).isEmpty();
                        apps.createApp("7");
                    }
                    assertThat(tx.begun).hasSize(1);
                });
    }
}
