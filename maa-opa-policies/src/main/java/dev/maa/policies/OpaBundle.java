package dev.maa.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.maa.policies.internal.PolicyModules;
import dev.maa.policies.internal.TarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * An OPA bundle (a gzipped tar) for a policy set, for OPA servers that pull policies from the MAA
 * server's bundle endpoint: {@code /.manifest} with the {@code revision} and {@code roots}, every policy
 * module (the built-in {@code maa} package unless overridden, plus custom rules; tests are left out),
 * and {@code /data.json} with the access policies at {@code maa_config}. The bytes are reproducible:
 * the same set always gives the same bundle.
 *
 * @param revision the policy revision ({@link EmbeddedRegoPolicyEngine#revision()} for the same set)
 * @param roots    the bundle roots: {@code maa_config} plus the top-level package of every module
 * @param bytes    the {@code .tar.gz} content
 */
public record OpaBundle(String revision, List<String> roots, byte[] bytes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public OpaBundle {
        roots = List.copyOf(roots);
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Builds the bundle; throws {@link PolicyValidationException} if the set's data file is invalid. */
    public static OpaBundle of(PolicySet set) {
        PolicyModules modules = PolicyModules.compose(set);
        TreeSet<String> roots = new TreeSet<>();
        roots.add(AccessPolicies.DATA_ROOT);
        for (String src : modules.policies().values()) {
            PolicyModules.packageOf(src).ifPresent(p -> roots.add(p.split("\\.")[0]));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("revision", modules.revision());
        manifest.put("roots", new ArrayList<>(roots));
        manifest.put("metadata", Map.of("source", "maa-opa-policies", "policy_set_digest", set.digest()));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf);
                TarWriter tar = new TarWriter(gz)) {
            tar.add(".manifest", json(manifest));
            tar.add("data.json", json(modules.data()));
            for (Map.Entry<String, String> e : modules.policies().entrySet()) {
                tar.add(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpaBundle(modules.revision(), new ArrayList<>(roots), buf.toByteArray());
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode bundle JSON", e);
        }
    }
}
