package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class OpaBundleTest {

    private static final PolicySet BULK_WIPE = PolicySet.fromClasspath("dev/maa/policies/examples/bulk-wipe");

    @Test
    void of_policySet_unpacksToOpaBundleLayout() throws IOException {
        OpaBundle bundle = OpaBundle.of(BULK_WIPE);
        Map<String, String> files = untar(bundle.bytes());
        assertThat(files.keySet())
                .containsExactly(
                        ".manifest",
                        "data.json",
                        "builtin/maa/decision.rego",
                        "builtin/maa/review.rego",
                        "bulk_wipe.rego");
        Map<?, ?> manifest = new ObjectMapper().readValue(files.get(".manifest"), Map.class);
        assertThat(manifest.get("revision")).isEqualTo(bundle.revision());
        assertThat(manifest.get("roots")).isEqualTo(List.of("maa", "maa_config"));
        Map<String, Object> data = new ObjectMapper()
                .readValue(
                        files.get("data.json"),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        assertThat(data).containsOnlyKeys("maa_config");
        assertThat(files.get("bulk_wipe.rego")).isEqualTo(BULK_WIPE.files().get("bulk_wipe.rego"));
    }

    @Test
    void of_samePolicySet_givesSameBytes_andRevisionOfEmbeddedEngine() {
        assertThat(OpaBundle.of(BULK_WIPE).bytes())
                .isEqualTo(OpaBundle.of(BULK_WIPE).bytes());
        try (var engine =
                EmbeddedRegoPolicyEngine.builder().policySet(BULK_WIPE).build()) {
            assertThat(OpaBundle.of(BULK_WIPE).revision()).isEqualTo(engine.revision());
        }
    }

    @Test
    void of_customPackageOutsideMaa_addsItsRoot() {
        PolicySet set = PolicySet.of(Map.of("acme.rego", "package acme.rules\n\nx := 1\n"));
        assertThat(OpaBundle.of(set).roots()).containsExactly("acme", "maa", "maa_config");
    }

    /** Reads a ustar .tar.gz: names (with prefix) and contents; checks header checksums. */
    static Map<String, String> untar(byte[] tgz) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            byte[] all = in.readAllBytes();
            int pos = 0;
            while (pos + 512 <= all.length) {
                byte[] h = java.util.Arrays.copyOfRange(all, pos, pos + 512);
                if (h[0] == 0) {
                    break;
                }
                assertThat(new String(h, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
                long sum = 0;
                for (int i = 0; i < 512; i++) {
                    sum += (i >= 148 && i < 156) ? ' ' : h[i] & 0xff;
                }
                assertThat(Long.parseLong(field(h, 148, 8), 8)).isEqualTo(sum);
                String prefix = field(h, 345, 155);
                String name = (prefix.isEmpty() ? "" : prefix + "/") + field(h, 0, 100);
                int size = Integer.parseInt(field(h, 124, 12), 8);
                out.put(name, new String(all, pos + 512, size, StandardCharsets.UTF_8));
                pos += 512 + (size + 511) / 512 * 512;
            }
        }
        return out;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.US_ASCII).trim();
    }
}
