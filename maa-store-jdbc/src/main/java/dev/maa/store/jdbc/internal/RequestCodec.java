package dev.maa.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.maa.api.ApprovalRequest;

/**
 * The JSON form of a request in the {@code body} column. Plain Jackson data binding of the API records: no
 * default typing, no Java serialization, so a row can only ever become an {@link ApprovalRequest}.
 *
 * <p>The payload is left out (it has its own column), and the columns the store changes on its own
 * (status, version, timestamps, claim) win over the body when a row is read.
 */
public final class RequestCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private RequestCodec() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The body of {@code request}: every field except the payload. */
    public static String toBody(ApprovalRequest request) {
        try {
            return MAPPER.writeValueAsString(request.toBuilder().payload("").build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write request " + request.id() + " as JSON", e);
        }
    }

    public static ApprovalRequest fromBody(String id, String body) {
        try {
            return MAPPER.readValue(body, ApprovalRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Stored request " + id + " has an unreadable body; the row was altered "
                            + "outside MAA or written by a newer version: " + e.getOriginalMessage(),
                    e);
        }
    }
}
