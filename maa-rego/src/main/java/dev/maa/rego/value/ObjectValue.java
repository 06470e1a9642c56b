package dev.maa.rego.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** An immutable Rego object; keys may be any value and are kept in OPA's sort order. */
public final class ObjectValue implements Value {
    public static final ObjectValue EMPTY = new ObjectValue(new Value[0], new Value[0]);

    private static final int PLAIN_MAX = 8;
    private static final int SCAN_MAX = 32;

    private final Value[] keys;
    private final Value[] values;
    private volatile Map<Value, Value> index;
    // the keys' hash codes for get's scan, made at the first lookup; volatile so that another thread sees the
    // array filled (a racing thread computes an equal one)
    private volatile int[] hashes;
    private int hash;

    private ObjectValue(Value[] keys, Value[] values) {
        this.keys = keys;
        this.values = values;
    }

    public static ObjectValue of(Map<? extends Value, ? extends Value> map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        // a map already in natural order (the evaluator builds TreeMaps) is not copied into another one
        @SuppressWarnings("unchecked")
        SortedMap<Value, Value> sorted = map instanceof TreeMap<?, ?> t && t.comparator() == null
                ? (SortedMap<Value, Value>) map
                : new TreeMap<>(map);
        Value[] k = new Value[sorted.size()];
        Value[] v = new Value[sorted.size()];
        int i = 0;
        for (Map.Entry<Value, Value> e : sorted.entrySet()) {
            k[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new ObjectValue(k, v);
    }

    /**
     * From parallel arrays in any order, which it takes over: sorted in place, and of equal keys the later
     * one stays (as {@code Map.put} would keep it). Converting Java maps with it skips the two TreeMaps of
     * {@link #of(Map)}; a policy input is built with it on every embedded decision (arrays already in order
     * cost one comparison per key).
     */
    public static ObjectValue ofEntries(Value[] k, Value[] v) {
        int n = k.length;
        if (n == 0) {
            return EMPTY;
        }
        for (int i = 1; i < n; i++) {
            Value key = k[i];
            Value val = v[i];
            int j = i - 1;
            while (j >= 0 && k[j].compareTo(key) > 0) {
                k[j + 1] = k[j];
                v[j + 1] = v[j];
                j--;
            }
            k[j + 1] = key;
            v[j + 1] = val;
        }
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (w > 0 && k[w - 1].compareTo(k[i]) == 0) {
                v[w - 1] = v[i];
            } else {
                k[w] = k[i];
                v[w++] = v[i];
            }
        }
        return w == n ? new ObjectValue(k, v) : new ObjectValue(Arrays.copyOf(k, w), Arrays.copyOf(v, w));
    }

    /**
     * From keys already in order and distinct (an object literal's constant keys) and their hash codes, taken
     * over without checks or copies: the arrays may be shared by many objects, so none may change afterwards.
     */
    public static ObjectValue ofSorted(Value[] sortedKeys, int[] keyHashes, Value[] values) {
        if (sortedKeys.length == 0) {
            return EMPTY;
        }
        ObjectValue o = new ObjectValue(sortedKeys, values);
        o.hashes = keyHashes;
        return o;
    }

    /** Convenience for string keys. */
    public static ObjectValue ofStrings(Map<String, ? extends Value> map) {
        TreeMap<Value, Value> m = new TreeMap<>();
        map.forEach((k, v) -> m.put(new StringValue(k), v));
        return of(m);
    }

    public int size() {
        return keys.length;
    }

    /**
     * The value at {@code key}, or {@code null} if absent. Up to 8 keys are compared in turn, unless their hash
     * codes came with them; up to 32 are scanned over the keys' hash codes (computed at the first lookup, or
     * shared by an object literal's constant keys and a policy input's), comparing keys only on equal hashes;
     * more go through a HashMap. Field lookups on policy objects (a dozen or two keys) were the largest single cost
     * of an embedded decision, most of it comparing the strings of keys that do not match; a HashMap per object
     * costs more to build than such objects are read, and small objects made per decision without shared hash
     * codes are scanned cheaper than given a hash array each.
     */
    public Value get(Value key) {
        if (keys.length <= SCAN_MAX) {
            int[] hs = hashes;
            if (hs == null) {
                if (keys.length <= PLAIN_MAX) {
                    for (int i = 0; i < keys.length; i++) {
                        if (keys[i] == key || keys[i].equals(key)) {
                            return values[i];
                        }
                    }
                    return null;
                }
                hs = new int[keys.length];
                for (int i = 0; i < hs.length; i++) {
                    hs[i] = keys[i].hashCode();
                }
                hashes = hs;
            }
            int h = key.hashCode();
            for (int i = 0; i < hs.length; i++) {
                if (hs[i] == h && (keys[i] == key || keys[i].equals(key))) {
                    return values[i];
                }
            }
            return null;
        }
        Map<Value, Value> idx = index;
        if (idx == null) {
            idx = new HashMap<>(keys.length * 2);
            for (int i = 0; i < keys.length; i++) {
                idx.put(keys[i], values[i]);
            }
            index = idx;
        }
        return idx.get(key);
    }

    public Value get(String key) {
        return get(new StringValue(key));
    }

    /** Keys in sort order (read-only). */
    public List<Value> keys() {
        return Collections.unmodifiableList(Arrays.asList(keys));
    }

    /** Values in key order (read-only). */
    public List<Value> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    public Value keyAt(int i) {
        return keys[i];
    }

    public Value valueAt(int i) {
        return values[i];
    }

    /** A mutable sorted copy of the entries. */
    public TreeMap<Value, Value> toMap() {
        TreeMap<Value, Value> m = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], values[i]);
        }
        return m;
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public int typeRank() {
        return 7;
    }

    @Override
    public int compareSameType(Value other) {
        ObjectValue o = (ObjectValue) other;
        int n = Math.min(keys.length, o.keys.length);
        for (int i = 0; i < n; i++) {
            int c = keys[i].compareTo(o.keys[i]);
            if (c != 0) {
                return c;
            }
            c = values[i].compareTo(o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(keys.length, o.keys.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectValue ov && Arrays.equals(keys, ov.keys) && Arrays.equals(values, ov.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(keys) * 31 + Arrays.hashCode(values) + 13;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return toRego();
    }
}
