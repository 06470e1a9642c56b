package dev.maa.core.codec.model;

import dev.maa.api.Platform;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A record touching every kind of value the codec supports. */
public record Sample(
        String name,
        int count,
        long big,
        BigDecimal amount,
        Instant at,
        LocalDate day,
        Duration took,
        ZonedDateTime zoned,
        OffsetDateTime offset,
        List<String> tags,
        Map<String, Integer> scores,
        Optional<String> note,
        Platform platform,
        Inner inner,
        Set<String> labels) {}
