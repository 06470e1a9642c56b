package dev.maa.rego.internal.interp;

import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.HashSet;

/**
 * The elements of a partial set rule or a set comprehension as they are found: a list while they are few, sorted
 * and deduplicated once by {@link SetValue#of}, a hash set beyond. Most such sets of a policy hold a handful of
 * elements (often objects), and hashing each into a HashSet cost more than sorting them.
 */
final class SetAccumulator {
    private static final int LIST_MAX = 16;

    private ArrayList<Value> list;
    private HashSet<Value> set;

    void add(Value v) {
        if (set != null) {
            set.add(v);
            return;
        }
        if (list == null) {
            list = new ArrayList<>(4);
        }
        if (list.size() < LIST_MAX) {
            list.add(v);
            return;
        }
        set = new HashSet<>(list);
        set.add(v);
        list = null;
    }

    /** Empties it for reuse ({@link #build} copied the elements out). */
    void clear() {
        if (list != null) {
            list.clear();
        }
        set = null;
    }

    SetValue build() {
        if (set != null) {
            return SetValue.of(set);
        }
        return list == null ? SetValue.EMPTY : SetValue.of(list);
    }
}
