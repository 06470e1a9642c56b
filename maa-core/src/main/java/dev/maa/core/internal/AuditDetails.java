package dev.maa.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.TreeMap;

/** Compact JSON for {@code AuditEvent.detail}: sorted keys, so equal facts give equal bytes. */
public final class AuditDetails {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private AuditDetails() {
    }

    /** {@code of("status", "APPROVED", "notes", "ok")} → {@code {"notes":"ok","status":"APPROVED"}}. */
    public static String of(Object... keyValues) {
        TreeMap<String, Object> m = new TreeMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v != null) {
                m.put(String.valueOf(keyValues[i]), v instanceof Enum<?> e ? e.name() : v);
            }
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            return m.toString();
        }
    }
}
