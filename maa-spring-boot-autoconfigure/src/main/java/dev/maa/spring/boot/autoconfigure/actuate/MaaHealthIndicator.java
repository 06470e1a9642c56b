package dev.maa.spring.boot.autoconfigure.actuate;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The {@code maa} health indicator on Spring Boot 3: up when {@link MaaHealth#check()} passes, else down. */
public final class MaaHealthIndicator extends AbstractHealthIndicator {

    private final MaaHealth check;

    public MaaHealthIndicator(MaaHealth check) {
        super("MAA health check failed");
        this.check = check;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up().withDetails(check.check());
    }
}
