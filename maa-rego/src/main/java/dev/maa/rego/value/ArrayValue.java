package dev.maa.rego.value;

import java.util.Arrays;
import java.util.List;

/** An immutable Rego array. */
public final class ArrayValue implements Value {
    public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

    private final Value[] items;
    private int hash;

    private ArrayValue(Value[] items) {
        this.items = items;
    }

    /** Wraps the array without copying; the caller must not modify it afterwards. */
    public static ArrayValue wrap(Value[] items) {
        return items.length == 0 ? EMPTY : new ArrayValue(items);
    }

    public static ArrayValue of(List<? extends Value> items) {
        return wrap(items.toArray(new Value[0]));
    }

    public static ArrayValue of(Value... items) {
        return wrap(items.clone());
    }

    public int size() {
        return items.length;
    }

    public Value get(int i) {
        return items[i];
    }

    /** A read-only list view of the elements. */
    public List<Value> items() {
        return java.util.Collections.unmodifiableList(Arrays.asList(items));
    }

    /** Elements slice {@code [from, to)}. */
    public ArrayValue slice(int from, int to) {
        return wrap(Arrays.copyOfRange(items, from, to));
    }

    private volatile java.util.concurrent.ConcurrentHashMap<String, java.util.Map<Value, int[]>> fieldIndex;

    /**
     * Positions of the object elements whose {@code field} equals each value, built once per
     * array and field (arrays are immutable, so base-data arrays keep their index across queries).
     */
    public java.util.Map<Value, int[]> indexBy(String field) {
        java.util.concurrent.ConcurrentHashMap<String, java.util.Map<Value, int[]>> idx = fieldIndex;
        if (idx == null) {
            synchronized (this) {
                idx = fieldIndex;
                if (idx == null) {
                    idx = new java.util.concurrent.ConcurrentHashMap<>();
                    fieldIndex = idx;
                }
            }
        }
        return idx.computeIfAbsent(field, f -> {
            java.util.HashMap<Value, java.util.List<Integer>> m = new java.util.HashMap<>();
            StringValue key = new StringValue(f);
            for (int i = 0; i < items.length; i++) {
                if (items[i] instanceof ObjectValue o) {
                    Value v = o.get(key);
                    if (v != null) {
                        m.computeIfAbsent(v, x -> new java.util.ArrayList<>()).add(i);
                    }
                }
            }
            java.util.HashMap<Value, int[]> out = new java.util.HashMap<>();
            m.forEach(
                    (k, l) -> out.put(k, l.stream().mapToInt(Integer::intValue).toArray()));
            return out;
        });
    }

    /**
     * Positions of the object elements whose {@code field} is a collection containing each value
     * (array and set elements, object values), for {@code some g in p.field; g in k} lookups.
     */
    public java.util.Map<Value, int[]> indexByElement(String field) {
        indexBy(field);
        return fieldIndex.computeIfAbsent("\u0000elements:" + field, f -> {
            java.util.HashMap<Value, java.util.List<Integer>> m = new java.util.HashMap<>();
            StringValue key = new StringValue(field);
            for (int i = 0; i < items.length; i++) {
                if (items[i] instanceof ObjectValue o) {
                    Value v = o.get(key);
                    java.util.List<Value> elems = v instanceof ArrayValue av
                            ? av.items()
                            : v instanceof SetValue sv
                                    ? sv.items()
                                    : v instanceof ObjectValue ov ? ov.values() : java.util.List.of();
                    for (Value e : elems) {
                        java.util.List<Integer> l = m.computeIfAbsent(e, x -> new java.util.ArrayList<>());
                        if (l.isEmpty() || l.get(l.size() - 1) != i) {
                            l.add(i);
                        }
                    }
                }
            }
            java.util.HashMap<Value, int[]> out = new java.util.HashMap<>();
            m.forEach(
                    (k, l) -> out.put(k, l.stream().mapToInt(Integer::intValue).toArray()));
            return out;
        });
    }

    // made at the first use: only indexed base-data arrays need it, and the evaluator makes arrays per decision
    private volatile java.util.concurrent.ConcurrentHashMap<Object, java.util.BitSet> bitsCache;

    /**
     * The positions as a bit set, cached for long position lists so that unions and
     * intersections of large candidate sets cost word operations, not one bit per element.
     */
    public java.util.BitSet bits(String indexName, Value key, int[] positions) {
        java.util.concurrent.ConcurrentHashMap<Object, java.util.BitSet> cache = bitsCache;
        if (cache == null) { // a racing thread may replace it: only cached bit sets are lost
            cache = new java.util.concurrent.ConcurrentHashMap<>();
            bitsCache = cache;
        }
        return cache.computeIfAbsent(java.util.List.of(indexName, key), k -> {
            java.util.BitSet b = new java.util.BitSet(items.length);
            for (int i : positions) {
                b.set(i);
            }
            return b;
        });
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public int typeRank() {
        return 6;
    }

    @Override
    public int compareSameType(Value other) {
        Value[] o = ((ArrayValue) other).items;
        int n = Math.min(items.length, o.length);
        for (int i = 0; i < n; i++) {
            int c = items[i].compareTo(o[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(items.length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayValue a && Arrays.equals(items, a.items);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(items) + 7;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return toRego();
    }
}
