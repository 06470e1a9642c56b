package dev.maa.agent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's settings, from the agent argument string and the {@code agent:} section of the host's
 * {@code maa.yaml}.
 *
 * <pre>
 * -javaagent:maa-agent.jar=config=conf/maa.yaml,include=com.acme.:org.example.,debug=true
 *
 * # conf/maa.yaml (other sections belong to the host and are ignored here)
 * agent:
 *   include: [com.acme., org.example.]   # type-name prefixes to instrument; empty = every non-JDK type
 *   exclude: [com.acme.generated.]
 *   debug: false                          # log every instrumented type
 * </pre>
 *
 * <p>Arguments win over the file. The agent cannot use a YAML library (nothing but Byte Buddy may ride on the
 * application class path with it), so this reads the small subset above by hand: scalars, flow lists
 * {@code [a, b]} and block lists {@code - a}. The config path is published as the system property
 * {@code maa.config} so the host can read its own sections from the same file.
 *
 * @param configFile the YAML file, or {@code null}
 * @param include    type-name prefixes to instrument; empty means all non-JDK types
 * @param exclude    type-name prefixes never to instrument
 * @param debug      log each instrumented type
 */
public record AgentConfig(Path configFile, List<String> include, List<String> exclude, boolean debug) {

    public static final String CONFIG_PROPERTY = "maa.config";

    public AgentConfig {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public static AgentConfig defaults() {
        return new AgentConfig(null, List.of(), List.of(), false);
    }

    /**
     * Parses {@code key=value,key=value}; list values are separated by {@code :}.
     *
     * @throws IllegalArgumentException naming the bad option or the unreadable file
     */
    public static AgentConfig parse(String arguments) {
        Map<String, String> args = new LinkedHashMap<>();
        if (arguments != null && !arguments.isBlank()) {
            for (String option : arguments.split(",")) {
                int eq = option.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("maa-agent: option '" + option + "' is not key=value; expected"
                            + " e.g. -javaagent:maa-agent.jar=config=maa.yaml,include=com.acme.:org.example.");
                }
                args.put(
                        option.substring(0, eq).trim(), option.substring(eq + 1).trim());
            }
        }
        for (String key : args.keySet()) {
            if (!List.of("config", "include", "exclude", "debug").contains(key)) {
                throw new IllegalArgumentException(
                        "maa-agent: unknown option '" + key + "'; known options are config, include, exclude, debug");
            }
        }
        Map<String, Object> file = Map.of();
        Path path = null;
        String configured = args.get("config");
        if (configured != null && !configured.isBlank()) {
            path = Path.of(configured).toAbsolutePath();
            file = readAgentSection(path);
            if (System.getProperty(CONFIG_PROPERTY) == null) {
                System.setProperty(CONFIG_PROPERTY, path.toString());
            }
        }
        List<String> include = args.containsKey("include") ? split(args.get("include")) : list(file.get("include"));
        List<String> exclude = args.containsKey("exclude") ? split(args.get("exclude")) : list(file.get("exclude"));
        String debug =
                args.containsKey("debug") ? args.get("debug") : String.valueOf(file.getOrDefault("debug", "false"));
        return new AgentConfig(path, include, exclude, Boolean.parseBoolean(debug));
    }

    /** Whether a type of this name may be instrumented under {@code include} / {@code exclude}. */
    public boolean admits(String typeName) {
        for (String prefix : exclude) {
            if (typeName.startsWith(prefix)) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (String prefix : include) {
            if (typeName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Object> readAgentSection(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "maa-agent: cannot read config file " + path + ": " + e
                            + "; fix the path in -javaagent:maa-agent.jar=config=...",
                    e);
        }
        Map<String, Object> section = new LinkedHashMap<>();
        boolean inAgent = false;
        String listKey = null;
        for (String raw : lines) {
            String line = stripComment(raw);
            if (line.isBlank()) {
                continue;
            }
            boolean indented = Character.isWhitespace(line.charAt(0));
            if (!indented) {
                inAgent = line.trim().equals("agent:");
                listKey = null;
                continue;
            }
            if (!inAgent) {
                continue;
            }
            String t = line.trim();
            if (t.startsWith("- ") && listKey != null) {
                @SuppressWarnings("unchecked")
                List<String> values = (List<String>) section.get(listKey);
                values.add(unquote(t.substring(2).trim()));
                continue;
            }
            int colon = t.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("maa-agent: " + path + ": cannot read line '" + raw
                        + "' in the agent section; expected 'key: value'");
            }
            String key = t.substring(0, colon).trim();
            String value = t.substring(colon + 1).trim();
            if (value.isEmpty()) {
                section.put(key, new ArrayList<String>());
                listKey = key;
            } else if (value.startsWith("[") && value.endsWith("]")) {
                section.put(key, split(value.substring(1, value.length() - 1).replace(',', ':')));
                listKey = null;
            } else {
                section.put(key, unquote(value));
                listKey = null;
            }
        }
        return section;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf(" #");
        String s = line.startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line;
        return s.stripTrailing();
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(":")) {
            String p = unquote(part.trim());
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return (List<String>) l;
        }
        return split(value.toString());
    }
}
