package dev.maa.rego.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** An immutable Rego set; elements are kept in OPA's sort order. */
public final class SetValue implements Value {
    public static final SetValue EMPTY = new SetValue(new Value[0]);

    private final Value[] sorted;
    private volatile Set<Value> index;
    private int hash;

    private SetValue(Value[] sorted) {
        this.sorted = sorted;
    }

    public static SetValue of(Collection<? extends Value> items) {
        if (items.isEmpty()) {
            return EMPTY;
        }
        if (items instanceof TreeSet<? extends Value>) {
            return new SetValue(items.toArray(new Value[0]));
        }
        // A stable sort keeping the first of equal elements: what TreeSet.addAll keeps, without its nodes.
        Value[] a = items.toArray(new Value[0]);
        Arrays.sort(a);
        int n = 1;
        for (int i = 1; i < a.length; i++) {
            if (a[i].compareTo(a[n - 1]) != 0) {
                a[n++] = a[i];
            }
        }
        return new SetValue(n == a.length ? a : Arrays.copyOf(a, n));
    }

    public static SetValue of(Value... items) {
        return of(Arrays.asList(items));
    }

    public int size() {
        return sorted.length;
    }

    public boolean contains(Value v) {
        if (sorted.length < 8) {
            for (Value s : sorted) {
                if (s.equals(v)) {
                    return true;
                }
            }
            return false;
        }
        Set<Value> idx = index;
        if (idx == null) {
            idx = new HashSet<>(Arrays.asList(sorted));
            index = idx;
        }
        return idx.contains(v);
    }

    /** The element at {@code i} of the sort order (iterating without a list view). */
    public Value itemAt(int i) {
        return sorted[i];
    }

    /** Elements in sort order (read-only). */
    public List<Value> items() {
        return java.util.Collections.unmodifiableList(Arrays.asList(sorted));
    }

    public SetValue union(SetValue o) {
        TreeSet<Value> t = new TreeSet<>(Arrays.asList(sorted));
        t.addAll(Arrays.asList(o.sorted));
        return new SetValue(t.toArray(new Value[0]));
    }

    public SetValue intersect(SetValue o) {
        List<Value> out = new ArrayList<>();
        for (Value v : sorted) {
            if (o.contains(v)) {
                out.add(v);
            }
        }
        return new SetValue(out.toArray(new Value[0]));
    }

    public SetValue minus(SetValue o) {
        List<Value> out = new ArrayList<>();
        for (Value v : sorted) {
            if (!o.contains(v)) {
                out.add(v);
            }
        }
        return new SetValue(out.toArray(new Value[0]));
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public int typeRank() {
        return 8;
    }

    @Override
    public int compareSameType(Value other) {
        Value[] o = ((SetValue) other).sorted;
        int n = Math.min(sorted.length, o.length);
        for (int i = 0; i < n; i++) {
            int c = sorted[i].compareTo(o[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(sorted.length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetValue s && Arrays.equals(sorted, s.sorted);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(sorted) + 11;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return toRego();
    }
}
