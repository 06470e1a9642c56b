package dev.maa.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.core.store.StoreFixtures;
import org.junit.jupiter.api.Test;

class RequestCodecTest {

    @Test
    void fromBody_ofARowWrittenBeforeDiffsWereCaptured_readsWithoutADiff() {
        ApprovalRequest full = StoreFixtures.fullyPopulated("r-old");
        String body = RequestCodec.toBody(full);
        String old = body.replaceFirst(",\"diff\":\\{[^}]*\\}", "");

        ApprovalRequest read = RequestCodec.fromBody("r-old", old);

        assertThat(old).isNotEqualTo(body).doesNotContain("\"diff\"");
        assertThat(read.diff()).isNull();
        assertThat(read.policyRevision()).isEqualTo("rev-9");
        assertThat(RequestCodec.fromBody("r-old", body).diff()).isEqualTo(full.diff());
    }
}
