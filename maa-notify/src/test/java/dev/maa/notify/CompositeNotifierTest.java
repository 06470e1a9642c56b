package dev.maa.notify;

import static dev.maa.notify.testing.TestNotifications.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Notification;
import dev.maa.api.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CompositeNotifierTest {

    @Test
    void aThrowingNotifier_doesNotKeepTheOthersFromTheNotification() {
        List<Notification> got = new ArrayList<>();
        Notifier broken = n -> {
            throw new IllegalStateException("boom");
        };

        Notifiers.composite(broken, got::add).notify(submitted("req-1"));

        assertThat(got).extracting(n -> n.request().id()).containsExactly("req-1");
    }

    @Test
    void close_closesEveryCloseableChild() {
        AtomicBoolean closed = new AtomicBoolean();
        class Closeable implements Notifier, AutoCloseable {
            @Override
            public void notify(Notification notification) {}

            @Override
            public void close() {
                closed.set(true);
            }
        }

        Notifiers.composite(n -> {}, new Closeable()).close();

        assertThat(closed).isTrue();
    }
}
