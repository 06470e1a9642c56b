package dev.maa.core.codec;

import dev.maa.core.codec.model.Inner;
import dev.maa.core.codec.model.Sample;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Methods whose parameters the codec tests park. */
public interface CodecFixtures {

    void sample(Sample sample);

    void values(
            String s,
            int i,
            Long boxed,
            BigDecimal amount,
            UUID id,
            URI uri,
            Instant at,
            LocalTime time,
            char c,
            byte[] bytes);

    void containers(
            List<Inner> inners,
            Set<UUID> ids,
            Map<String, List<Instant>> times,
            Optional<LocalDate> day,
            int[] numbers,
            String[][] grid);

    void number(Number n);

    static Method method(String name) {
        for (Method m : CodecFixtures.class.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
