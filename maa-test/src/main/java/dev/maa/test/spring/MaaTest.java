package dev.maa.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * On a Spring Boot test: the application's MAA runs on an in-memory store and a {@link dev.maa.core.testing.TestClock}
 * (bean {@code maaClock}), its background jobs are off (the test completes requests itself), and a
 * {@link dev.maa.test.MaaTestKit} bean over the application's engine is there to autowire.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(MaaTestConfiguration.class)
@TestPropertySource(properties = "maa.executor.enabled=false")
public @interface MaaTest {}
