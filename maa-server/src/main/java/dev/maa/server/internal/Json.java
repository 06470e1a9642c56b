package dev.maa.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.maa.core.view.StoredJson;
import java.io.UncheckedIOException;

/** The server's one JSON mapper: plain maps and lists in, compact JSON out; no polymorphic typing anywhere. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses text that is expected to be JSON (a stored payload); {@code null} when it is not ({@link StoredJson}). */
    public static JsonNode readOrNull(String text) {
        return StoredJson.readOrNull(text);
    }
}
