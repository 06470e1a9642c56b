package dev.maa.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SchedulerTest {

    @Test
    @Timeout(20)
    void every_afterAFailingRun_runsAgain() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        try (Scheduler s = Scheduler.named("scheduler-test-failing")) {
            s.every("failing task", Duration.ZERO, Duration.ofMillis(10), () -> {
                runs.incrementAndGet();
                third.countDown();
                throw new IllegalStateException("the database is down");
            });
            assertThat(third.await(10, TimeUnit.SECONDS))
                    .as("runs after failures")
                    .isTrue();
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Timeout(20)
    void close_waitsForTheRunInProgress_andLeavesNoThread() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Scheduler s = Scheduler.named("scheduler-test-close");
        s.every("slow task", Duration.ZERO, Duration.ofHours(1), () -> {
            started.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        s.close();
        assertThat(finished)
                .as("the run in progress finished before close returned")
                .isTrue();
        assertThat(s.isClosed()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("scheduler-test-close") && t.isAlive());
        assertThatThrownBy(() -> s.every("late", Duration.ZERO, Duration.ofSeconds(1), () -> {}))
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void every_withoutPositiveInterval_isRefused() {
        try (Scheduler s = Scheduler.named("scheduler-test-refused")) {
            assertThatThrownBy(() -> s.every("sweep", Duration.ZERO, Duration.ZERO, () -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sweep")
                    .hasMessageContaining("positive");
        }
    }
}
