package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** When the store is gone, the API answers 503 problem+json without internals, and health says DOWN. */
class FailClosedTest {

    @Test
    void storeDown_is503_withSafeText() {
        try (TestServer t = new TestServer()) {
            String id = t.parkUpdate("alice", "app-down", "CHG-down");
            t.store.close();

            HttpResponse<String> approve = t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{}");
            assertThat(approve.statusCode()).isEqualTo(503);
            assertThat(approve.body())
                    .contains("Retry later", "Nothing was changed or executed", "Incident")
                    .doesNotContain("jdbc", "h2", "Hikari", "Exception");
            assertThat(t.get("/api/v1/requests?view=mine", t.tokenFor("alice")).statusCode())
                    .isEqualTo(503);
            assertThat(t.get("/health", null).statusCode()).isEqualTo(503);
        }
    }
}
