package dev.maa.policies.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Durations;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.TextLimits;
import dev.maa.policies.PolicyProblem;
import dev.maa.policies.PolicyValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The field readers of the policy file's schema ({@link AccessPoliciesReader} and its workflow fields): each
 * reports a problem with the field path and {@code line:col} and returns a fallback, so checking goes on and one
 * edit-run cycle fixes every problem.
 */
abstract class PolicyFields {

    final String file;
    final List<PolicyProblem> problems = new ArrayList<>();
    LocatedTree tree;

    PolicyFields(String file) {
        this.file = file;
    }

    void unknownFields(JsonNode n, String path, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problem(
                        path.isEmpty() ? f : path + "." + f,
                        "unknown field '" + f + "'; expected one of "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    String requiredString(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problem(path + "." + field, "required: a non-empty string");
            return null;
        }
        return name(path + "." + field, v.asText().trim());
    }

    String optionalString(JsonNode n, String path, String field, String fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            problem(path + "." + field, "must be a string");
            return fallback;
        }
        return v.asText().trim();
    }

    /**
     * A list of principal ids in canonical form ({@link Identities}), as the policy input's {@code principal.id} is,
     * so {@code in} comparisons in Rego match every spelling of an id; ids without one are problems.
     */
    List<String> principalList(JsonNode n, String path, String field) {
        List<String> out = new ArrayList<>();
        for (String id : stringList(n, path, field)) {
            if (id.codePointCount(0, id.length()) > TextLimits.MAX_NAME) {
                continue; // stringList reported it
            }
            try {
                out.add(Identities.canonical(id));
            } catch (InvalidIdentityException e) {
                problem(path + "." + field, "the principal " + e.shownId() + " is not accepted: " + e.problem());
            }
        }
        return out;
    }

    List<String> stringList(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.add(name(
                    path + "." + field, v.asText().trim())); // a single value is a list of one, as YAML users expect
            return out;
        }
        if (!v.isArray()) {
            problem(path + "." + field, "must be a list of strings, e.g. [A, B]");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || e.asText().isBlank()) {
                problem(path + "." + field + "[" + i + "]", "must be a non-empty string");
            } else if (!out.contains(e.asText().trim())) {
                out.add(name(path + "." + field + "[" + i + "]", e.asText().trim()));
            }
        }
        return out;
    }

    /** {@code value}, reporting a name longer than {@link TextLimits#MAX_NAME} (names, groups, tags, principals). */
    String name(String path, String value) {
        int length = value.codePointCount(0, value.length());
        if (length > TextLimits.MAX_NAME) {
            problem(
                    path,
                    "is " + length + " characters long; names are at most " + TextLimits.MAX_NAME
                            + " characters: shorten it");
        }
        return value;
    }

    int intValue(JsonNode n, String path, String field, int fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problem(path + "." + field, "must be a whole number, was '" + v.asText() + "'");
            return fallback;
        }
        return v.intValue();
    }

    boolean bool(JsonNode n, String path, String field, boolean fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(path + "." + field, "must be true or false, was '" + v.asText() + "'");
            return fallback;
        }
        return v.booleanValue();
    }

    Duration duration(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            Duration d = Durations.parse(v.asText());
            if (d.isZero()) {
                problem(path + "." + field, "must be longer than zero");
                return null;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problem(path + "." + field, e.getMessage());
            return null;
        }
    }

    <T> T enumValue(JsonNode n, String path, String field, T fallback, Function<String, T> parse, String expected) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        T t = v.isTextual() ? parse.apply(v.asText().trim()) : null;
        if (t == null) {
            problem(path.isEmpty() ? field : path + "." + field, "'" + v.asText() + "' is not one of " + expected);
            return fallback;
        }
        return t;
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String v) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String names(Enum<?>[] values) {
        return String.join(" ", Arrays.stream(values).map(Enum::name).toList());
    }

    void problem(String path, String message) {
        JsonLocation l = tree == null ? null : tree.locationOf(path);
        problems.add(
                new PolicyProblem(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), path, message));
    }

    PolicyValidationException failed() {
        return new PolicyValidationException("Invalid access policies in " + file, problems);
    }
}
