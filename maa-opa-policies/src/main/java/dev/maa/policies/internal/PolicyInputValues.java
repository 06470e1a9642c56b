package dev.maa.policies.internal;

import dev.maa.api.Action;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.PolicyInput;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link PolicyInput} as the Rego value of {@link PolicyInput#toMap()}, built directly: the embedded engine
 * decides on every protected call, and going through the map (eight hash maps and lists, then a conversion that
 * sorts every object) was a tenth of a decision. {@code toMap()} stays the one definition of the shape (the OPA
 * server adapter and {@code maa policy eval} send it); {@code PolicyInputValuesTest} holds the two equal.
 */
public final class PolicyInputValues {

    // keys in Rego's (code point) order (checked when the class loads), so the objects need no sorting
    private static final Keys INPUT_KEYS =
            keys("action", "emergency", "justification", "operation", "principal", "resource", "time", "urgent");
    private static final Keys PRINCIPAL_KEYS = keys("groups", "id", "roles");
    private static final Keys RESOURCE_KEYS = keys("id", "platform", "scope_tags", "type");
    private static final Keys OPERATION_KEYS = keys("class", "digest", "method");
    private static final StringValue EMPTY = new StringValue("");
    private static final StringValue[] ACTIONS =
            Arrays.stream(Action.values()).map(a -> new StringValue(a.name())).toArray(StringValue[]::new);
    private static final StringValue[] PLATFORMS = Arrays.stream(Platform.values())
            .map(p -> new StringValue(p.name().toLowerCase(Locale.ROOT)))
            .toArray(StringValue[]::new);

    private PolicyInputValues() {}

    /** The input document of {@code data.maa.decision} for {@code in}. */
    public static ObjectValue of(PolicyInput in) {
        Value principal = object(
                PRINCIPAL_KEYS,
                sorted(in.principal().groups()),
                string(in.principal().id()),
                sorted(in.principal().roles()));
        Value resource = object(
                RESOURCE_KEYS,
                string(in.resource().objectId()),
                PLATFORMS[in.resource().platform().ordinal()],
                sorted(in.resource().scopeTags()),
                string(in.resource().typeName()));
        Operation op = in.operation();
        Value operation = object(
                OPERATION_KEYS,
                op == null ? EMPTY : string(op.className()),
                string(in.digest()),
                op == null ? EMPTY : string(op.methodName()));
        return object(
                INPUT_KEYS,
                ACTIONS[in.action().ordinal()],
                BooleanValue.of(in.emergency()),
                string(in.justification()),
                operation,
                principal,
                resource,
                new StringValue(isoInstant(in.time())),
                BooleanValue.of(in.urgent()));
    }

    /**
     * {@code t.toString()} (ISO-8601, UTC, the fraction in groups of three digits as needed), written without
     * {@code DateTimeFormatter}: formatting the input's time that way was a twentieth of an embedded decision.
     * Years outside 0000 to 9999 (signed in ISO form) go through {@code toString()}.
     */
    public static String isoInstant(java.time.Instant t) {
        long secs = t.getEpochSecond();
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(Math.floorDiv(secs, 86_400L));
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return t.toString();
        }
        int sod = (int) Math.floorMod(secs, 86_400L);
        int nano = t.getNano();
        char[] c = new char[30];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, d.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, d.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, sod / 3600, 2);
        c[13] = ':';
        digits(c, 14, sod / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, sod % 60, 2);
        int n = 19;
        if (nano > 0) {
            c[n++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(c, n, nano / 1_000_000, 3);
                n += 3;
            } else if (nano % 1_000 == 0) {
                digits(c, n, nano / 1_000, 6);
                n += 6;
            } else {
                digits(c, n, nano, 9);
                n += 9;
            }
        }
        c[n++] = 'Z';
        return new String(c, 0, n);
    }

    private static void digits(char[] c, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /**
     * The object of {@code keys} and {@code values} in their order, sharing the keys and their hash codes with
     * every input (nothing sorted or copied per decision: sorting the four objects' keys was a twentieth of it).
     */
    private static ObjectValue object(Keys keys, Value... values) {
        return ObjectValue.ofSorted(keys.sorted, keys.hashes, values);
    }

    private static StringValue string(String s) {
        return s.isEmpty() ? EMPTY : new StringValue(s);
    }

    /** A set of names as {@code toMap()} gives it: an array in {@link String} order. */
    private static ArrayValue sorted(Set<String> names) {
        if (names.isEmpty()) {
            return ArrayValue.EMPTY;
        }
        String[] s = names.toArray(new String[0]);
        Arrays.sort(s);
        Value[] out = new Value[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = new StringValue(s[i]);
        }
        return ArrayValue.wrap(out);
    }

    /** An object's constant keys, in order, and their hash codes. */
    private record Keys(Value[] sorted, int[] hashes) {}

    private static Keys keys(String... names) {
        Value[] out = new Value[names.length];
        int[] hashes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = new StringValue(names[i]);
            hashes[i] = out[i].hashCode();
            if (i > 0 && out[i - 1].compareTo(out[i]) >= 0) {
                throw new IllegalStateException("input keys out of Rego order: " + names[i - 1] + ", " + names[i]);
            }
        }
        return new Keys(out, hashes);
    }
}
