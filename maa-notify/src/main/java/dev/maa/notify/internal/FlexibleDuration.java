package dev.maa.notify.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.maa.api.Durations;
import java.io.IOException;
import java.time.Duration;

/**
 * Binds a duration field of the {@code notifications:} section with the one grammar of {@link Durations}
 * ({@code 250ms}, {@code 10s}, {@code 1h30m}, {@code PT10S}): only the Jackson adapter lives here.
 */
public final class FlexibleDuration extends StdDeserializer<Duration> {

    private static final long serialVersionUID = 1L;

    public FlexibleDuration() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        String text = p.getValueAsString();
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            return (Duration) ctx.handleWeirdStringValue(Duration.class, text, e.getMessage());
        }
    }
}
