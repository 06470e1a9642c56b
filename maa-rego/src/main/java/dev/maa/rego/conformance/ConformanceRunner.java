package dev.maa.rego.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a directory of OPA conformance YAML files (OPA's {@code test/cases/testdata} format) and
 * reports per-case outcomes. The category of a case is its first directory below the root.
 */
public final class ConformanceRunner {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** Runs every {@code *.yaml}/{@code *.yml} below {@code dir}. */
    public ConformanceReport run(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list conformance directory " + dir, e);
        }
        List<CaseResult> out = new ArrayList<>();
        for (Path f : files) {
            Path rel = dir.relativize(f);
            String category = rel.getNameCount() > 1 ? rel.getName(0).toString() : "(root)";
            JsonNode doc;
            try {
                doc = YAML.readTree(f.toFile());
            } catch (IOException e) {
                out.add(new CaseResult(
                        category,
                        rel.toString(),
                        "(file)",
                        CaseResult.Status.FAILED,
                        CaseResult.Cause.OTHER,
                        "",
                        "cannot read YAML: " + e.getMessage()));
                continue;
            }
            if (doc == null || !doc.has("cases")) {
                continue;
            }
            for (JsonNode c : doc.get("cases")) {
                out.add(CaseRunner.run(category, rel.toString().replace('\\', '/'), c));
            }
        }
        return new ConformanceReport(List.copyOf(out));
    }
}
