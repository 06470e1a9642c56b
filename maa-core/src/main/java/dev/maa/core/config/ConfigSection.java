package dev.maa.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maa.api.Durations;
import dev.maa.api.MaaConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One section of a YAML configuration file ({@code maa.yaml}): its tree, the file it came from and its path, with
 * typed getters that check each value and refuse a bad one in one format, {@code file: section.key: problem}
 * (unknown keys: {@code file: section.key: unknown key; known keys: [...]}).
 *
 * <p>Why: every module owns its section of the one {@code maa.yaml} (the server its {@code server}, {@code auth}
 * and {@code policies}, the store {@code store}, notifications {@code notifications}, the agent {@code agent}),
 * and an operator should meet the same value forms and the same words in each. Absent keys and YAML nulls read as
 * "not set"; a getter never substitutes a default for a value that is present but wrong (fail closed).
 */
public final class ConfigSection {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode tree;
    private final String source;
    private final String path;

    private ConfigSection(JsonNode tree, String source, String path) {
        this.tree = tree == null || tree.isNull() ? MissingNode.getInstance() : tree;
        this.source = source;
        this.path = path;
    }

    /** The root of an already parsed tree; {@code source} names the file in messages. */
    public static ConfigSection root(JsonNode tree, String source) {
        ConfigSection s = new ConfigSection(tree, source, "");
        if (!s.tree.isMissingNode() && !s.tree.isObject()) {
            throw new MaaConfigurationException(source + ": must be a map of sections, such as 'server: {port: 8080}'");
        }
        return s;
    }

    /** Reads a YAML file; an empty file is an empty root. */
    public static ConfigSection read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MaaConfigurationException(
                    "Cannot read the config file " + file + ": " + e.getMessage()
                            + "; check the path and its permissions",
                    e);
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code source} names it in messages. */
    public static ConfigSection parse(String text, String source) {
        try {
            return root(YAML.readTree(text), source);
        } catch (IOException e) {
            throw new MaaConfigurationException(
                    source + ": not valid YAML: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    /** The sub-section {@code key} (empty if absent); refused if present but not a map. */
    public ConfigSection section(String key) {
        JsonNode v = node(key);
        if (!v.isMissingNode() && !v.isObject()) {
            throw error(key, "must be a map of settings, was '" + v.asText() + "'");
        }
        return new ConfigSection(v, source, keyPath(key));
    }

    /** The raw tree of this section (for readers that bind it, such as Jackson records); missing if absent. */
    public JsonNode tree() {
        return tree;
    }

    public String source() {
        return source;
    }

    /** The dotted path of this section ({@code store}, {@code notifications.webhook}); empty for the root. */
    public String path() {
        return path;
    }

    public boolean isEmpty() {
        return tree.isMissingNode() || tree.isEmpty();
    }

    public boolean has(String key) {
        return !node(key).isMissingNode();
    }

    /** The keys present, in file order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Refuses the first key that is not in {@code known}, naming it and every known key. */
    public ConfigSection requireKnownKeys(Set<String> known) {
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw error(
                        key,
                        "unknown " + (path.isEmpty() ? "section" : "key") + "; known keys: " + new TreeSet<>(known));
            }
        }
        return this;
    }

    /** A non-blank scalar, as text. */
    public Optional<String> string(String key) {
        JsonNode v = node(key);
        if (v.isMissingNode()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw error(key, "must be a single value, not a list or map");
        }
        return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** A whole number from {@code min} to {@code max}. */
    public Optional<Integer> integer(String key, int min, int max) {
        JsonNode v = node(key);
        if (v.isMissingNode()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw error(key, "must be a whole number from " + min + " to " + max + ", was '" + v.asText() + "'");
        }
        return Optional.of(v.intValue());
    }

    public int integer(String key, int min, int max, int fallback) {
        return integer(key, min, max).orElse(fallback);
    }

    /** {@code true} or {@code false}. */
    public Optional<Boolean> bool(String key) {
        JsonNode v = node(key);
        if (v.isMissingNode()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw error(key, "must be true or false, was '" + v.asText() + "'");
        }
        return Optional.of(v.booleanValue());
    }

    public boolean bool(String key, boolean fallback) {
        return bool(key).orElse(fallback);
    }

    /** A list of non-blank strings (a single value is a list of one). */
    public List<String> strings(String key) {
        JsonNode v = node(key);
        List<String> out = new ArrayList<>();
        if (v.isMissingNode()) {
            return out;
        }
        if (v.isValueNode()) {
            out.add(v.asText());
        } else if (v.isArray()) {
            v.forEach(n -> {
                if (!n.isValueNode()) {
                    throw error(key, "must be a list of names, such as [Auditors]");
                }
                out.add(n.asText());
            });
        } else {
            throw error(key, "must be a list of names, such as [Auditors]");
        }
        out.removeIf(String::isBlank);
        return out;
    }

    /**
     * A path: {@code ~} and {@code ~/...} are under the user's home directory, a relative path is under
     * {@code base} (the MAA home).
     */
    public Optional<Path> path(String key, Path base) {
        return string(key).map(value -> MaaHome.resolve(value, base));
    }

    /** A duration in the one grammar of {@link Durations}. */
    public Optional<Duration> duration(String key) {
        JsonNode v = node(key);
        if (v.isMissingNode()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw error(key, "must be a duration such as " + Durations.FORMS);
        }
        try {
            return Optional.of(Durations.parse(v.asText()));
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /**
     * The secret in the environment variable that {@code key} names (the file holds only the name, never the
     * secret); refused if the variable is not set.
     */
    public Optional<String> secretFromEnv(String key, Function<String, String> env) {
        Optional<String> name = string(key);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String secret = env.apply(name.get());
        if (secret == null || secret.isEmpty()) {
            throw error(key, "names " + name.get() + ", which is not set; export it with the secret");
        }
        return Optional.of(secret);
    }

    /** A configuration error about {@code key} of this section, in the one format. */
    public MaaConfigurationException error(String key, String problem) {
        return new MaaConfigurationException(source + ": " + keyPath(key) + ": " + problem);
    }

    /** A configuration error about this section as a whole. */
    public MaaConfigurationException error(String problem) {
        return new MaaConfigurationException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** {@code section.key}, the name an operator searches the file for. */
    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private JsonNode node(String key) {
        JsonNode v = tree.path(key);
        return v.isNull() ? MissingNode.getInstance() : v;
    }
}
