package dev.maa.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditJsonLinesTest {

    private final AuditChain chain = AuditChain.keyed(AuditKey.random());

    @Test
    void writtenLines_parseBack_andStillVerify() {
        AuditEntry first = chain.link(
                1,
                new AuditEvent(
                        Instant.parse("2026-11-23T10:00:00.123Z"),
                        "r1",
                        "alice",
                        "SUBMITTED",
                        "{\"why\":\"CHG-1 \\\"quoted\\\"\\nline\"}"),
                AuditChain.GENESIS);
        AuditEntry second = chain.link(
                2, new AuditEvent(Instant.parse("2026-11-23T10:01:00Z"), "r1", "bob", "APPROVED", "ok"), first.hash());
        StringWriter out = new StringWriter();
        AuditJsonLines.write(out, first);
        AuditJsonLines.write(out, second);

        List<AuditEntry> back = new ArrayList<>();
        out.toString().lines().forEach(l -> back.add(AuditJsonLines.parse(l)));

        assertThat(back).containsExactly(first, second);
        assertThat(chain.verify(back).intact()).isTrue();
    }

    @Test
    void parse_lineWithoutHash_namesTheMissingField() {
        assertThatThrownBy(() -> AuditJsonLines.parse("{\"seq\":1,\"at\":\"2026-11-23T10:00:00Z\",\"actor\":\"a\","
                        + "\"type\":\"T\",\"prevHash\":\"00\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks 'hash'");
    }
}
