package dev.maa.spring.boot.autoconfigure.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code maa} health indicator on Spring Boot 4, whose health API moved to {@code spring-boot-health}: up when
 * {@link MaaHealth#check()} passes, else down.
 */
public final class MaaBoot4HealthIndicator extends AbstractHealthIndicator {

    private final MaaHealth check;

    public MaaBoot4HealthIndicator(MaaHealth check) {
        super("MAA health check failed");
        this.check = check;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up().withDetails(check.check());
    }
}
