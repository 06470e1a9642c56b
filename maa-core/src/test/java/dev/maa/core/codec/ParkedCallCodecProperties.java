package dev.maa.core.codec;

import static dev.maa.core.codec.CodecFixtures.method;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Platform;
import dev.maa.core.codec.model.Inner;
import dev.maa.core.codec.model.Sample;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** encode → decode → encode gives identical bytes and equal values. */
class ParkedCallCodecProperties {

    private final ParkedCallCodec codec = ParkedCallCodec.allowing(ParkedCallCodecTest.MODEL);

    @Property(tries = 150)
    void records_roundTrip(@ForAll("samples") Sample sample) {
        Object[] args = {sample};
        ParkedCall first = codec.encode(method("sample"), args);
        DecodedCall back = codec.decode("p", first.payload(), first.digest());

        assertThat(back.args()).containsExactly(sample);
        assertThat(codec.encode(method("sample"), back.argsArray()).payload()).isEqualTo(first.payload());
    }

    @Property(tries = 150)
    void containersOptionalsAndArrays_roundTrip(
            @ForAll("inners") List<Inner> inners,
            @ForAll("uuidSets") Set<UUID> ids,
            @ForAll("timeMaps") Map<String, List<Instant>> times,
            @ForAll("days") Optional<LocalDate> day,
            @ForAll int[] numbers,
            @ForAll("grids") String[][] grid) {
        Object[] args = {inners, ids, times, day, numbers, grid};
        ParkedCall first = codec.encode(method("containers"), args);
        DecodedCall back = codec.decode("p", first.payload(), first.digest());

        assertThat(back.args().subList(0, 4)).containsExactly(inners, ids, times, day);
        assertThat((int[]) back.args().get(4)).isEqualTo(numbers);
        assertThat(Arrays.deepEquals((String[][]) back.args().get(5), grid)).isTrue();
        assertThat(codec.encode(method("containers"), back.argsArray()).payload())
                .isEqualTo(first.payload());
    }

    @Provide
    Arbitrary<Sample> samples() {
        Arbitrary<String> text = strings();
        Arbitrary<BigDecimal> amounts = Combinators.combine(
                        Arbitraries.bigIntegers()
                                .between(
                                        BigInteger.valueOf(-1_000_000_000_000L),
                                        BigInteger.valueOf(1_000_000_000_000L)),
                        Arbitraries.integers().between(0, 8))
                .as(BigDecimal::new); // negative scales: see the codec test
        Arbitrary<ZonedDateTime> zoned = Combinators.combine(
                        instants(), Arbitraries.of("Europe/Paris", "America/New_York", "Asia/Kolkata", "UTC"))
                .as((i, z) -> ZonedDateTime.ofInstant(i, ZoneId.of(z)));
        Arbitrary<OffsetDateTime> offset = Combinators.combine(
                        instants(), Arbitraries.integers().between(-12, 14))
                .as((i, h) -> OffsetDateTime.ofInstant(i, ZoneOffset.ofHours(h)));
        Arbitrary<Map<String, Integer>> scores =
                Arbitraries.maps(text, Arbitraries.integers()).ofMaxSize(4);
        return Combinators.combine(
                        Combinators.combine(
                                        text,
                                        Arbitraries.integers(),
                                        Arbitraries.longs(),
                                        amounts,
                                        instants(),
                                        dayValues(),
                                        Arbitraries.longs()
                                                .between(0, 10_000_000)
                                                .map(Duration::ofSeconds),
                                        zoned)
                                .as(Part1::new),
                        Combinators.combine(
                                        offset,
                                        text.list().ofMaxSize(4),
                                        scores,
                                        text.optional(),
                                        Arbitraries.of(Platform.class),
                                        inner(),
                                        text.set().ofMaxSize(4))
                                .as(Part2::new))
                .as((a, b) -> new Sample(
                        a.name,
                        a.count,
                        a.big,
                        a.amount,
                        a.at,
                        a.day,
                        a.took,
                        a.zoned,
                        b.offset,
                        b.tags,
                        b.scores,
                        b.note,
                        b.platform,
                        b.inner,
                        b.labels));
    }

    private record Part1(
            String name,
            int count,
            long big,
            BigDecimal amount,
            Instant at,
            LocalDate day,
            Duration took,
            ZonedDateTime zoned) {}

    private record Part2(
            OffsetDateTime offset,
            List<String> tags,
            Map<String, Integer> scores,
            Optional<String> note,
            Platform platform,
            Inner inner,
            Set<String> labels) {}

    @Provide
    Arbitrary<List<Inner>> inners() {
        return inner().list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<Set<UUID>> uuidSets() {
        return uuids().set().ofMaxSize(5);
    }

    @Provide
    Arbitrary<Map<String, List<Instant>>> timeMaps() {
        return Arbitraries.maps(strings(), instants().list().ofMaxSize(3)).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Optional<LocalDate>> days() {
        return dayValues().optional();
    }

    @Provide
    Arbitrary<String[][]> grids() {
        return strings()
                .array(String[].class)
                .ofMaxSize(3)
                .array(String[][].class)
                .ofMaxSize(3);
    }

    private static Arbitrary<LocalDate> dayValues() {
        return Arbitraries.longs().between(-200_000, 2_000_000).map(LocalDate::ofEpochDay);
    }

    private static Arbitrary<Inner> inner() {
        return Combinators.combine(uuids(), Arbitraries.doubles(), Arbitraries.of(true, false))
                .as(Inner::new);
    }

    private static Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    private static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(-10_000_000_000L, 30_000_000_000L),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(12);
    }
}
