package dev.maa.core.codec;

import static dev.maa.core.codec.CodecFixtures.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.Platform;
import dev.maa.api.UnsupportedArgumentException;
import dev.maa.core.codec.model.Inner;
import dev.maa.core.codec.model.Sample;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParkedCallCodecTest {

    static final String MODEL = "dev.maa.core.codec.model";

    private final RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());
    private final ParkedCallCodec codec = ParkedCallCodec.of(TypeAllowList.withPackages(List.of(MODEL)), loader);

    static Sample sample() {
        return new Sample(
                "notes",
                3,
                1L << 40,
                new BigDecimal("1E+3"),
                Instant.parse("2026-01-05T09:00:00.123Z"),
                LocalDate.of(2026, 2, 28),
                Duration.ofMinutes(90),
                ZonedDateTime.of(2026, 3, 29, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(5)),
                List.of("b", "a"),
                Map.of("z", 1, "a", 2),
                Optional.of("n"),
                Platform.WINDOWS,
                new Inner(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), 0.5, true),
                Set.of("x"));
    }

    @Test
    void encode_writesCanonicalJson_sortedKeys_noWhitespace_plainDecimals_isoTimes() {
        ParkedCall call = codec.encode(method("sample"), new Object[] {sample()});

        String p = call.payload();
        assertThat(p).doesNotContain(" ", "\n");
        assertThat(p)
                .startsWith("{\"args\":[{\"name\":\"sample\",\"type\":\"dev.maa.core.codec.model.Sample\",\"value\":{");
        assertThat(p).contains("\"amount\":1000").doesNotContain("1E+3");
        assertThat(p).contains("\"at\":\"2026-01-05T09:00:00.123Z\"", "\"day\":\"2026-02-28\"", "\"took\":\"PT1H30M\"");
        assertThat(p).contains("Europe/Paris");
        assertThat(p).contains("\"scores\":{\"a\":2,\"z\":1}");
        assertThat(p.indexOf("\"amount\"")).isLessThan(p.indexOf("\"at\"")).isLessThan(p.indexOf("\"big\""));
        assertThat(p)
                .endsWith("\"operation\":{\"class\":\"dev.maa.core.codec.CodecFixtures\",\"method\":\"sample\","
                        + "\"parameterTypes\":[\"dev.maa.core.codec.model.Sample\"]},\"v\":1}");
        assertThat(call.digest()).isEqualTo(ParkedCallCodec.digest(p)).hasSize(64);
    }

    @Test
    void encode_equalSetsInDifferentIterationOrder_giveTheSameDigest() {
        Sample a = sample();
        java.util.Set<String> forward = new java.util.LinkedHashSet<>(List.of("b", "a", "c"));
        java.util.Set<String> backward = new java.util.LinkedHashSet<>(List.of("c", "a", "b"));
        Sample one = new Sample(
                a.name(),
                a.count(),
                a.big(),
                a.amount(),
                a.at(),
                a.day(),
                a.took(),
                a.zoned(),
                a.offset(),
                a.tags(),
                a.scores(),
                a.note(),
                a.platform(),
                a.inner(),
                forward);
        Sample two = new Sample(
                a.name(),
                a.count(),
                a.big(),
                a.amount(),
                a.at(),
                a.day(),
                a.took(),
                a.zoned(),
                a.offset(),
                a.tags(),
                a.scores(),
                a.note(),
                a.platform(),
                a.inner(),
                backward);

        ParkedCall first = codec.encode(method("sample"), new Object[] {one});
        ParkedCall second = codec.encode(method("sample"), new Object[] {two});

        assertThat(first.digest()).isEqualTo(second.digest());
        assertThat(first.payload()).contains("[\"a\",\"b\",\"c\"]");
        DecodedCall back = codec.decode("r1", first.payload(), first.digest());
        assertThat(codec.encode(method("sample"), back.argsArray()).payload()).isEqualTo(first.payload());
    }

    @Test
    void decode_givesEqualValues_andReEncodesToTheSameBytes() {
        Object[] args = {
            "s",
            7,
            8L,
            new BigDecimal("10.50"),
            UUID.randomUUID(),
            URI.create("https://x.example/a?b"),
            Instant.EPOCH,
            LocalTime.NOON,
            'c',
            new byte[] {1, 2, 3}
        };
        ParkedCall call = codec.encode(method("values"), args);

        DecodedCall back = codec.decode("r1", call.payload(), call.digest());

        assertThat(back.args()).hasSize(10);
        assertThat(back.args().subList(0, 9))
                .containsExactly(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8]);
        assertThat((BigDecimal) back.args().get(3)).hasToString("10.50");
        assertThat((byte[]) back.args().get(9)).containsExactly(1, 2, 3);
        assertThat(codec.encode(method("values"), back.argsArray()).payload()).isEqualTo(call.payload());
        assertThat(back.operation()).isEqualTo(call.operation());
    }

    @Test
    void runtimeTypeDifferentFromTheDeclaredOne_isRecordedAndUsedToDecode() {
        ParkedCall call = codec.encode(method("number"), new Object[] {42L});

        assertThat(call.payload()).contains("\"declared\":\"java.lang.Number\"", "\"type\":\"java.lang.Long\"");
        assertThat(codec.decode("r1", call.payload(), call.digest()).args()).containsExactly(42L);
    }

    @Test
    void bigDecimalsAreWrittenPlain_soANegativeScaleComesBackAsScaleZero_withTheSameValue() {
        Object[] args = {
            "s",
            1,
            2L,
            new BigDecimal("1E+3"),
            UUID.randomUUID(),
            URI.create("a:b"),
            Instant.EPOCH,
            LocalTime.NOON,
            'c',
            new byte[0]
        };
        ParkedCall call = codec.encode(method("values"), args);

        BigDecimal back = (BigDecimal)
                codec.decode("r1", call.payload(), call.digest()).args().get(3);
        assertThat(back).hasToString("1000").isEqualByComparingTo("1E+3");
    }

    @Test
    void decode_ofAnEditedPayload_isRefused() {
        ParkedCall call = codec.encode(method("values"), new Object[] {
            "s",
            1,
            2L,
            BigDecimal.ONE,
            UUID.randomUUID(),
            URI.create("a:b"),
            Instant.EPOCH,
            LocalTime.NOON,
            'c',
            new byte[0]
        });

        assertThatThrownBy(() -> codec.decode("r1", call.payload().replace("\"s\"", "\"t\""), call.digest()))
                .isInstanceOf(PayloadIntegrityException.class)
                .hasMessageContaining("r1");
    }

    private String forged(String type) {
        return "{\"args\":[{\"name\":\"x\",\"type\":\"" + type + "\",\"value\":{}}],\"operation\":{\"class\":"
                + "\"dev.maa.core.codec.CodecFixtures\",\"method\":\"sample\",\"parameterTypes\":[\"x\"]},\"v\":1}";
    }

    @Test
    void payloadNamingAGadgetType_isRefused_andTheClassIsNeverLoaded() {
        for (String gadget : List.of(
                "org.apache.commons.collections.functors.InvokerTransformer",
                "java.lang.ProcessBuilder",
                "java.util.List<java.lang.ProcessBuilder>",
                "java.util.Map<java.lang.String,javax.script.ScriptEngineManager>",
                "java.lang.Runtime[]")) {
            String payload = forged(gadget);
            // an attacker with write access to the store can recompute the digest: the allow-list must hold alone
            assertThatThrownBy(() -> codec.decode("r9", payload, ParkedCallCodec.digest(payload)))
                    .isInstanceOf(UnsupportedArgumentException.class)
                    .hasMessageContaining("not on the parked-call allow-list")
                    .hasMessageContaining("was not loaded");
        }
        assertThat(loader.requested)
                .noneMatch(n -> n.contains("ProcessBuilder")
                        || n.contains("InvokerTransformer")
                        || n.contains("Script")
                        || n.contains("Runtime"));
    }

    @Test
    void payloadNamingJavaLangObject_isRefused() {
        String payload = forged("java.lang.Object");
        assertThatThrownBy(() -> codec.decode("r9", payload, ParkedCallCodec.digest(payload)))
                .isInstanceOf(UnsupportedArgumentException.class);
    }

    @Test
    void malformedTypeDescriptors_areRefused() {
        for (String bad : List.of("java.util.List<", "java.util.List<java.lang.String>>", "1abc", "")) {
            String payload = forged(bad);
            assertThatThrownBy(() -> codec.decode("r9", payload, ParkedCallCodec.digest(payload)))
                    .isInstanceOf(UnsupportedArgumentException.class);
        }
    }

    @Test
    void encode_ofATypeOutsideTheAllowList_namesParameterTypeAndSetting() {
        ParkedCallCodec jdkOnly = ParkedCallCodec.of(TypeAllowList.jdkOnly(), loader);

        assertThatThrownBy(() -> jdkOnly.encode(method("sample"), new Object[] {sample()}))
                .isInstanceOf(UnsupportedArgumentException.class)
                .hasMessageContaining("'sample'")
                .hasMessageContaining("dev.maa.core.codec.model.Sample")
                .hasMessageContaining("MaaEngine.builder().allowPackages(\"dev.maa.core.codec.model\")")
                .hasMessageContaining("Nothing was stored");
    }

    @Test
    void encode_ofAnArrayListDeclaredParameter_saysToDeclareList() throws Exception {
        interface Bad {
            void call(ArrayList<String> list);
        }
        assertThatThrownBy(() ->
                        codec.encode(Bad.class.getMethod("call", ArrayList.class), new Object[] {new ArrayList<>()}))
                .isInstanceOf(UnsupportedArgumentException.class)
                .hasMessageContaining("declare it as java.util.List");
    }

    @Test
    void allowList_refusesJdkAndGadgetLibraryPackages() {
        for (String p : List.of(
                "java.lang", "java", "javax.script", "org.apache.commons.collections", "com.fasterxml", "org")) {
            assertThatThrownBy(() -> TypeAllowList.withPackages(List.of(p)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(p);
        }
        assertThatThrownBy(() -> TypeAllowList.withPackages(List.of("com..acme")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TypeAllowList.withPackages(List.of("com.acme")).allows("com.acme.model.App"))
                .isTrue();
        assertThat(TypeAllowList.withPackages(List.of("com.acme")).allows("com.acmeevil.App"))
                .isFalse();
    }

    /** Records every class name it is asked to load. */
    static final class RecordingLoader extends ClassLoader {
        final List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();

        RecordingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
