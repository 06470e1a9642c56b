package dev.maa.test.spring;

import dev.maa.api.Directory;
import dev.maa.core.MaaEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.TestClock;
import dev.maa.test.MaaTestKit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@link MaaTest} adds to a test's context: the beans the auto-configuration backs off for (store, clock) and
 * the kit. Imported by the annotation; not for application code.
 */
@Configuration(proxyBeanMethods = false)
public class MaaTestConfiguration {

    @Bean
    InMemoryRequestStore maaTestStore() {
        return new InMemoryRequestStore();
    }

    @Bean
    TestClock maaClock() {
        return new TestClock();
    }

    @Bean
    MaaTestKit maaTestKit(MaaEngine engine, TestClock maaClock, Directory directory) {
        return MaaTestKit.of(engine, maaClock, directory);
    }
}
