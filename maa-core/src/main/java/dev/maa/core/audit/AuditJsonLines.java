package dev.maa.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * The audit export format, one JSON object per line:
 * {@code {"seq":1,"at":"…","requestId":"…","actor":"…","type":"…","detail":"…","prevHash":"…","hash":"…"}}.
 * {@code at} is the exact instant that was hashed, so anyone holding an export can recompute the chain with
 * {@link AuditChain#verify}. Every exporter (stores, the REST API) writes through here and every reader parses
 * through here, so the format has one definition.
 */
public final class AuditJsonLines {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper();

    private AuditJsonLines() {}

    /** Writes one entry and a newline. */
    public static void write(Writer out, AuditEntry e) {
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("seq", e.seq());
            g.writeStringField("at", e.event().at().toString());
            g.writeStringField("requestId", e.event().requestId());
            g.writeStringField("actor", e.event().actor());
            g.writeStringField("type", e.event().type());
            g.writeStringField("detail", e.event().detail());
            g.writeStringField("prevHash", e.prevHash());
            g.writeStringField("hash", e.hash());
            g.writeEndObject();
            g.close();
            out.write('\n');
        } catch (IOException io) {
            throw new UncheckedIOException("Cannot write the audit entry at seq " + e.seq(), io);
        }
    }

    /**
     * Reads one line back.
     *
     * @throws IllegalArgumentException naming what is wrong with the line
     */
    public static AuditEntry parse(String line) {
        try {
            JsonNode e = READER.readTree(line);
            for (String field : new String[] {"seq", "at", "actor", "type", "prevHash", "hash"}) {
                if (!e.hasNonNull(field)) {
                    throw new IllegalArgumentException("audit line lacks '" + field + "': " + abbreviate(line));
                }
            }
            return new AuditEntry(
                    e.get("seq").asLong(),
                    new AuditEvent(
                            Instant.parse(e.get("at").asText()),
                            e.path("requestId").asText(""),
                            e.get("actor").asText(),
                            e.get("type").asText(),
                            e.path("detail").asText("")),
                    e.get("prevHash").asText(),
                    e.get("hash").asText());
        } catch (IOException | java.time.format.DateTimeParseException ex) {
            throw new IllegalArgumentException("not an audit line (" + ex.getMessage() + "): " + abbreviate(line), ex);
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
