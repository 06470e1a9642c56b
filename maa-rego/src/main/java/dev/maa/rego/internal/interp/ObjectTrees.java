package dev.maa.rego.internal.interp;

import dev.maa.rego.Location;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.Value;
import java.util.Map;
import java.util.TreeMap;

/** Builds the object produced by ref-head rules such as {@code p[k] := v} or {@code a.b[c].d := v}. */
final class ObjectTrees {
    private ObjectTrees() {}

    /** Places {@code v} at {@code keys[i..]}; a different value already there is a conflict. */
    @SuppressWarnings("unchecked")
    static void insert(TreeMap<Value, Object> tree, Value[] keys, int i, Value v, Location loc) {
        Value key = keys[i];
        if (i == keys.length - 1) {
            Object prev = tree.get(key);
            if (prev == null) {
                tree.put(key, v);
            } else if (prev instanceof TreeMap && v instanceof ObjectValue ov) {
                for (int j = 0; j < ov.size(); j++) {
                    insert((TreeMap<Value, Object>) prev, new Value[] {ov.keyAt(j)}, 0, ov.valueAt(j), loc);
                }
            } else if (prev instanceof TreeMap || !prev.equals(v)) {
                throw Errors.conflict(loc, "object keys must be unique");
            }
            return;
        }
        Object sub = tree.get(key);
        if (sub == null) {
            sub = new TreeMap<Value, Object>();
            tree.put(key, sub);
        } else if (!(sub instanceof TreeMap)) {
            throw Errors.conflict(loc, "object keys must be unique");
        }
        insert((TreeMap<Value, Object>) sub, keys, i + 1, v, loc);
    }

    /** Adds {@code v} to the set at {@code keys[i..]} (multi-value rules with ref heads). */
    @SuppressWarnings("unchecked")
    static void insertIntoSet(TreeMap<Value, Object> tree, Value[] keys, int i, Value v, Location loc) {
        TreeMap<Value, Object> t = tree;
        for (int j = i; j < keys.length; j++) {
            Object sub = t.get(keys[j]);
            if (sub == null) {
                sub = j == keys.length - 1 ? new java.util.HashSet<Value>() : new TreeMap<Value, Object>();
                t.put(keys[j], sub);
            }
            if (j == keys.length - 1) {
                if (!(sub instanceof java.util.HashSet)) {
                    throw Errors.conflict(loc, "object keys must be unique");
                }
                ((java.util.HashSet<Value>) sub).add(v);
                return;
            }
            if (!(sub instanceof TreeMap)) {
                throw Errors.conflict(loc, "object keys must be unique");
            }
            t = (TreeMap<Value, Object>) sub;
        }
    }

    @SuppressWarnings("unchecked")
    static ObjectValue build(TreeMap<Value, Object> tree) {
        TreeMap<Value, Value> out = new TreeMap<>();
        for (Map.Entry<Value, Object> e : tree.entrySet()) {
            Object v = e.getValue();
            out.put(
                    e.getKey(),
                    v instanceof TreeMap
                            ? build((TreeMap<Value, Object>) v)
                            : v instanceof java.util.HashSet
                                    ? dev.maa.rego.value.SetValue.of((java.util.HashSet<Value>) v)
                                    : (Value) v);
        }
        return ObjectValue.of(out);
    }
}
