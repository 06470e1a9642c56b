package dev.maa.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One flush serves every writer that committed before it started; a failed flush acknowledges nobody. */
class GroupSyncTest {

    @Test
    @Timeout(30)
    void writersWaitingDuringAFlush_shareTheNextOne_andNoneReturnsBeforeAFlushThatStartedAfterIt() throws Exception {
        CountDownLatch firstFlushMayEnd = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            if (started.incrementAndGet() == 1) {
                await().until(() -> firstFlushMayEnd.getCount() == 0);
            }
        });
        Thread leader = new Thread(sync::awaitDurable);
        leader.start();
        await().until(() -> started.get() == 1);
        List<Thread> followers = new ArrayList<>();
        AtomicInteger returned = new AtomicInteger();
        for (int i = 0; i < 7; i++) {
            Thread t = new Thread(() -> {
                sync.awaitDurable();
                returned.incrementAndGet();
            });
            t.start();
            followers.add(t);
        }
        await().until(() -> followers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        assertThat(returned)
                .as("nobody returns on the flush that started before their commit")
                .hasValue(0);

        firstFlushMayEnd.countDown();
        leader.join();
        for (Thread t : followers) {
            t.join();
        }

        assertThat(returned).hasValue(7);
        assertThat(sync.flushes()).as("8 writes, 2 flushes").isEqualTo(2);
    }

    @Test
    void aFailedFlush_failsItsWriter_andTheNextWriterFlushesAgain() {
        AtomicInteger calls = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new StoreUnavailableException("disk full", null);
            }
        });

        assertThatThrownBy(sync::awaitDurable)
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("disk full");
        sync.awaitDurable();

        assertThat(calls).hasValue(2);
        assertThat(sync.flushes()).isEqualTo(1);
    }
}
