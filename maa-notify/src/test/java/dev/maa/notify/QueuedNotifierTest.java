package dev.maa.notify;

import static dev.maa.notify.testing.TestNotifications.approved;
import static dev.maa.notify.testing.TestNotifications.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class QueuedNotifierTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private static Channel channel(String name, ThrowingDelivery body) {
        return new Channel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void deliver(Delivery delivery) {
                body.accept(delivery);
            }
        };
    }

    @FunctionalInterface
    private interface ThrowingDelivery {
        void accept(Delivery d);
    }

    @Test
    void unexpectedRuntimeException_isRetriedLikeATransientFailure() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        Channel flaky = channel("flaky", d -> {
            attempts.add(d.attempt());
            if (d.attempt() == 1) {
                throw new IllegalStateException("bug on first try");
            }
        });
        try (QueuedNotifier n = QueuedNotifier.start(
                flaky,
                DeliveryOptions.defaults()
                        .withRetry(
                                RetryPolicy.defaults().withBackoff(java.time.Duration.ZERO, java.time.Duration.ZERO)),
                registry)) {
            n.notify(submitted("req-1"));

            await().until(() -> count("maa.notify.sent", "channel", "flaky") == 1.0);
            assertThat(attempts).containsExactly(1, 2);
        }
    }

    @Test
    void aChannelThatKillsTheWorker_leavesNotificationsCountedAsDropped_notSilentlyQueued() {
        Channel broken = channel("broken", d -> {
            throw new AssertionError("channel bug");
        });
        try (QueuedNotifier n = QueuedNotifier.start(broken, DeliveryOptions.defaults(), registry)) {
            n.notify(submitted("req-1"));
            await().until(() -> count("maa.notify.failed", "channel", "broken") == 1.0);

            n.notify(approved("req-1"));

            assertThat(count("maa.notify.dropped", "channel", "broken", "reason", "closed"))
                    .isEqualTo(1.0);
            assertThat(n.pending()).isZero();
        }
    }

    @Test
    void channelsAreIndependent_oneStuckChannelDoesNotDelayAnother() throws Exception {
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        List<String> fast = new CopyOnWriteArrayList<>();
        Channel slow = new Channel() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void deliver(Delivery delivery) throws InterruptedException {
                entered.countDown();
                stuck.await();
            }
        };
        try (QueuedNotifier a = QueuedNotifier.start(slow, DeliveryOptions.defaults(), registry);
                QueuedNotifier b = QueuedNotifier.start(
                        channel("fast", d -> fast.add(d.requestId())), DeliveryOptions.defaults(), registry)) {
            CompositeNotifier both = Notifiers.composite(a, b);
            both.notify(submitted("req-1"));
            assertThat(entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            both.notify(submitted("req-2"));

            await().until(() -> fast.size() == 2);
            assertThat(stuck.getCount()).isEqualTo(1);
            assertThat(a.pending()).isEqualTo(1);
            stuck.countDown();
        }
    }
}
