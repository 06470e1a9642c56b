package dev.maa.core.internal;

import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Status;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {

    private final RecentRequests recent = new RecentRequests();

    @Test
    void keepsTheLatestCopyOfAnOpenRequest() {
        ApprovalRequest v1 = request("r1", "app-1", 0);
        ApprovalRequest v2 = v1.toBuilder().status(Status.APPROVED).version(2).build();

        recent.remember(v1);
        recent.remember(v2);

        assertThat(recent.get("r1")).isEqualTo(v2);
    }

    @Test
    void dropsARequestOnceItIsFinal() {
        ApprovalRequest r = request("r1", "app-1", 0);
        recent.remember(r);

        recent.remember(r.toBuilder().status(Status.COMPLETED).version(2).build());

        assertThat(recent.get("r1")).isNull();
    }

    @Test
    void isBoundedByTheCharactersItHolds_notOnlyByCount() {
        String large = "x".repeat((int) (RecentRequests.MAXIMUM_WEIGHT / 4));
        for (int i = 0; i < 8; i++) {
            recent.remember(request("big-" + i, "app-" + i, 0).toBuilder()
                    .payload(large)
                    .build());
        }

        long held = 0;
        for (int i = 0; i < 8; i++) {
            held += recent.get("big-" + i) == null ? 0 : 1;
        }
        assertThat(held).as("copies of quarter-weight payloads still held").isLessThanOrEqualTo(4);
    }
}
