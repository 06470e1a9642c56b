package dev.maa.policies;

import dev.maa.api.MaaConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The content of a policy directory: {@code access-policies.yaml} (or {@code .yml}/{@code .json}) plus
 * custom {@code *.rego} and {@code *_test.rego} files, as relative path → text, with a SHA-256 digest.
 *
 * <p>This is the unit that is pushed, approved, stored as a revision and activated: the parked payload
 * of a policy change is a whole set, so what is approved is exactly what becomes active.
 *
 * @param files  relative path ({@code /}-separated) → UTF-8 content, sorted by path (a plain {@code Map} so the
 *               set can be parked as a call argument)
 * @param digest hex SHA-256 over the paths and contents; must match {@code files}
 */
public record PolicySet(Map<String, String> files, String digest) {

    /** Data file names, in the order they are looked for. */
    public static final List<String> DATA_FILES =
            List.of("access-policies.yaml", "access-policies.yml", "access-policies.json");

    /** The classpath directory of the demo policy set shipped with this module. */
    public static final String DEMO = "dev/maa/policies/demo";

    public PolicySet {
        Objects.requireNonNull(files, "files");
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        String expected = digestOf(files);
        if (digest == null) {
            digest = expected;
        } else if (!digest.equals(expected)) {
            throw new IllegalArgumentException("Policy set digest " + digest + " does not match its files (" + expected
                    + "); the set was altered after it was sealed");
        }
        for (String path : files.keySet()) {
            if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
                throw new IllegalArgumentException(
                        "Policy file path '" + path + "' must be relative, '/'-separated, without '..'");
            }
        }
    }

    public static PolicySet of(Map<String, String> files) {
        return new PolicySet(new TreeMap<>(files), null);
    }

    /** Reads the data file and every {@code .rego} file below {@code dir}. */
    public static PolicySet fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new MaaConfigurationException("Policy directory " + dir.toAbsolutePath()
                    + " does not exist; create it with an access-policies.yaml (see maa-opa-policies/README.md)");
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.endsWith(".rego") || DATA_FILES.contains(rel)) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new MaaConfigurationException(
                    "Cannot read policy directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return new PolicySet(files, null);
    }

    /**
     * Reads a policy set from the classpath: {@code prefix/index.txt} lists the files (one relative path per
     * line), because a classpath directory cannot be listed portably inside a jar.
     */
    public static PolicySet fromClasspath(String prefix) {
        return fromClasspath(prefix, PolicySet.class.getClassLoader());
    }

    public static PolicySet fromClasspath(String prefix, ClassLoader loader) {
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        SortedMap<String, String> files = new TreeMap<>();
        for (String line : readResource(loader, base + "index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.put(name, readResource(loader, base + name));
            }
        }
        return new PolicySet(files, null);
    }

    static String readResource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new MaaConfigurationException("Classpath resource " + name
                        + " not found; is the policy bundle on the classpath" + " and listed in its index.txt?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data file's name, if the set has one. */
    public Optional<String> dataFile() {
        return DATA_FILES.stream().filter(files::containsKey).findFirst();
    }

    /** Parses the data file; a set without one has no policies (so every protected call gets {@code default_effect} deny). */
    public AccessPolicies accessPolicies() {
        return dataFile()
                .map(f -> AccessPolicies.parse(f, files.get(f)))
                .orElseGet(() -> new AccessPolicies(List.of(), null, null, null));
    }

    /** The Rego files (policies and tests). */
    public SortedMap<String, String> regoFiles() {
        SortedMap<String, String> out = new TreeMap<>();
        files.forEach((k, v) -> {
            if (k.endsWith(".rego")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A short form of the digest for messages and revision lists. */
    public String shortDigest() {
        return digest.substring(0, 12);
    }

    private static String digestOf(Map<String, String> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : files.entrySet()) {
                // length-prefixed so that ("a","bc") and ("ab","c") never collide
                byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
                md.update((k.length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(k);
                md.update((v.length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(v);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
