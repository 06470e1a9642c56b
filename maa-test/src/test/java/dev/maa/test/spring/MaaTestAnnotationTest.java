package dev.maa.test.spring;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Action;
import dev.maa.api.Factor;
import dev.maa.api.Protected;
import dev.maa.api.RequestStore;
import dev.maa.api.ResourceType;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.TestClock;
import dev.maa.test.MaaTestKit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@SpringBootTest(classes = MaaTestAnnotationTest.App.class)
@MaaTest
class MaaTestAnnotationTest {

    /** A protected bean of the application under test. */
    public static class Apps {
        private final List<String> ran = new CopyOnWriteArrayList<>();

        @Protected(resource = APP, action = DELETE, objectId = "appId")
        public void deleteApp(String appId) {
            ran.add("deleted " + appId);
        }

        public List<String> ran() {
            return List.copyOf(ran);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        Apps apps() {
            return new Apps();
        }

        @Bean
        RuleBasedPolicyEngine policies() {
            return RuleBasedPolicyEngine.builder()
                    .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("App changes", 1, "approvers"))
                    .build();
        }

        @Bean
        StaticDirectory users() {
            return StaticDirectory.builder()
                    .user("alice", "admins")
                    .user("bob", "approvers")
                    .build();
        }
    }

    @Autowired
    MaaTestKit maa;

    @Autowired
    Apps apps;

    @Autowired
    RequestStore store;

    @Test
    void theApplicationsEngine_runsOnTheKitsStoreAndClock() {
        assertThat(store).isInstanceOf(InMemoryRequestStore.class);
        assertThat(maa.engine().clock()).isInstanceOf(TestClock.class);

        maa.call(() -> apps.deleteApp("42"))
                .as("alice")
                .parks()
                .approveAs("bob", "fine")
                .completeAs("alice")
                .ranExactlyOnce();

        assertThat(apps.ran()).containsExactly("deleted 42");
    }
}
