package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.core.audit.AuditChain;
import dev.maa.store.jdbc.internal.RequestCodec;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link AbstractJdbcStoreTest}: The audit log as the database holds it: a row inserted behind the store's back is found, and the export
 * recomputes the chain line by line.
 */
interface AuditExportContract extends JdbcContractStore {

    // ---- verify and export ----

    @Test
    default void verify_detectsARowInsertedBehindTheStoresBack() {
        writeHistory(3);
        AuditEntry forged = jdbc().auditChain()
                .link(
                        4,
                        event("", "FORGED"),
                        jdbc().auditLog().read(2, 1).get(0).hash());
        JdbcTestSql.update(
                ds(),
                "INSERT INTO maa_audit (seq, at, request_id, actor, type, detail, prev_hash, hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                forged.seq(),
                Timestamp.from(forged.event().at()),
                "",
                forged.event().actor(),
                forged.event().type(),
                forged.event().detail(),
                forged.prevHash(),
                forged.hash());

        assertThat(jdbc().auditLog().verify().problems())
                .anySatisfy(p -> assertThat(p).contains("inserted"));
    }

    @Test
    default void export_writesOneJsonLinePerEntry_fromWhichTheChainCanBeRecomputed() throws Exception {
        writeHistory(4);
        jdbc().auditLog().append(new AuditEvent(T0, "", "eve", "CALL_DENIED", "line\nbreak \"quoted\" ü"));
        StringWriter out = new StringWriter();

        long written = jdbc().auditLog().export(out);

        String[] lines = out.toString().split("\n");
        assertThat(written).isEqualTo(5);
        assertThat(lines).hasSize(5);
        String prev = AuditChain.GENESIS;
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = RequestCodec.mapper().readTree(lines[i]);
            AuditEvent e = new AuditEvent(
                    Instant.parse(line.get("at").asText()),
                    line.get("requestId").asText(),
                    line.get("actor").asText(),
                    line.get("type").asText(),
                    line.get("detail").asText());
            assertThat(line.get("seq").asLong()).isEqualTo(i + 1);
            assertThat(line.get("prevHash").asText()).isEqualTo(prev);
            assertThat(line.get("hash").asText()).isEqualTo(jdbc().auditChain().hash(i + 1, e, prev));
            prev = line.get("hash").asText();
        }
        assertThat(lines[4]).contains("line\\nbreak");
    }
}
