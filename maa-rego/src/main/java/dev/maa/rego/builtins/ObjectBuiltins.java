package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.Value;
import java.util.TreeMap;

/**
 * {@code object.get, object.keys, object.union, object.union_n, object.remove, object.filter,
 * object.subset}.
 */
final class ObjectBuiltins {
    private ObjectBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("object.get", 3, (c, a) -> get(a));
        r.register(
                "object.keys",
                1,
                (c, a) -> SetValue.of(Args.object("object.keys", a, 0).keys()));
        r.register(
                "object.union",
                2,
                (c, a) -> union(Args.object("object.union", a, 0), Args.object("object.union", a, 1)));
        r.register("object.union_n", 1, (c, a) -> unionN(a));
        r.register("object.remove", 2, (c, a) -> removeOrFilter("object.remove", a, true));
        r.register("object.filter", 2, (c, a) -> removeOrFilter("object.filter", a, false));
        r.register("object.subset", 2, (c, a) -> subset(a));
    }

    static Value get(Value[] a) {
        ObjectValue obj = Args.object("object.get", a, 0);
        if (!(a[1] instanceof ArrayValue path)) {
            Value v = obj.get(a[1]);
            return v != null ? v : a[2];
        }
        Value cur = obj;
        for (Value key : path.items()) {
            cur = step(cur, key);
            if (cur == null) {
                return a[2];
            }
        }
        return cur;
    }

    /** One step of OPA's {@code Value.Find}: object key, array index, or set member. */
    private static Value step(Value cur, Value key) {
        if (cur instanceof ObjectValue o) {
            return o.get(key);
        }
        if (cur instanceof ArrayValue arr) {
            if (key instanceof NumberValue n) {
                Long i = OpaOperands.goInt(n);
                if (i != null && i >= 0 && i < arr.size()) {
                    return arr.get(i.intValue());
                }
            }
            return null;
        }
        if (cur instanceof SetValue s) {
            return s.contains(key) ? key : null;
        }
        return null;
    }

    /** Merge with overwrite: right wins, objects on both sides merge recursively. */
    static ObjectValue union(ObjectValue left, ObjectValue right) {
        TreeMap<Value, Value> out = left.toMap();
        for (int i = 0; i < right.size(); i++) {
            Value k = right.keyAt(i);
            Value v = right.valueAt(i);
            Value old = out.get(k);
            if (old instanceof ObjectValue lo && v instanceof ObjectValue ro) {
                out.put(k, union(lo, ro));
            } else {
                out.put(k, v);
            }
        }
        return ObjectValue.of(out);
    }

    static Value unionN(Value[] a) {
        ArrayValue arr = Args.array("object.union_n", a, 0);
        for (int i = arr.size() - 1; i >= 0; i--) {
            Value v = arr.get(i);
            if (!(v instanceof ObjectValue)) {
                throw OpaOperands.elementError("object.union_n", 1, arr, v, "object");
            }
        }
        ObjectValue acc = ObjectValue.EMPTY;
        for (Value v : arr.items()) {
            acc = union(acc, (ObjectValue) v);
        }
        return acc;
    }

    private static SetValue keysParam(String name, Value v) {
        if (v instanceof ArrayValue arr) {
            return SetValue.of(arr.items());
        }
        if (v instanceof SetValue s) {
            return s;
        }
        if (v instanceof ObjectValue o) {
            return SetValue.of(o.keys());
        }
        throw Args.typeError(name, 2, v, "object", "set", "array");
    }

    static Value removeOrFilter(String name, Value[] a, boolean remove) {
        ObjectValue obj = Args.object(name, a, 0);
        SetValue keys = keysParam(name, a[1]);
        TreeMap<Value, Value> out = new TreeMap<>();
        for (int i = 0; i < obj.size(); i++) {
            if (keys.contains(obj.keyAt(i)) != remove) {
                out.put(obj.keyAt(i), obj.valueAt(i));
            }
        }
        return ObjectValue.of(out);
    }

    static Value subset(Value[] a) {
        Value sup = a[0];
        Value sub = a[1];
        if (sup instanceof ObjectValue o1 && sub instanceof ObjectValue o2) {
            return BooleanValue.of(objectSubset(o1, o2));
        }
        if (sup instanceof SetValue s1 && sub instanceof SetValue s2) {
            return BooleanValue.of(setSubset(s1, s2));
        }
        if (sup instanceof ArrayValue a1 && sub instanceof ArrayValue a2) {
            return BooleanValue.of(arraySubset(a1, a2));
        }
        if (sup instanceof ArrayValue a1 && sub instanceof SetValue s2) {
            return BooleanValue.of(arraySetSubset(a1, s2));
        }
        throw BuiltinError.type(
                "object.subset: both arguments object.subset must be of the same type or array and set");
    }

    private static boolean objectSubset(ObjectValue sup, ObjectValue sub) {
        for (int i = 0; i < sub.size(); i++) {
            Value superTerm = sup.get(sub.keyAt(i));
            Value subTerm = sub.valueAt(i);
            if (superTerm == null) {
                return false;
            }
            if (subTerm.equals(superTerm)) {
                continue;
            }
            boolean ok;
            if (superTerm instanceof ObjectValue o1 && subTerm instanceof ObjectValue o2) {
                ok = objectSubset(o1, o2);
            } else if (superTerm instanceof SetValue s1 && subTerm instanceof SetValue s2) {
                ok = setSubset(s1, s2);
            } else if (superTerm instanceof ArrayValue a1 && subTerm instanceof ArrayValue a2) {
                ok = arraySubset(a1, a2);
            } else {
                ok = false;
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean setSubset(SetValue sup, SetValue sub) {
        for (Value v : sub.items()) {
            if (!sup.contains(v)) {
                return false;
            }
        }
        return true;
    }

    /** Contiguous sub-array search, as OPA does it. */
    private static boolean arraySubset(ArrayValue sup, ArrayValue sub) {
        if (sub.size() > sup.size()) {
            return false;
        }
        outer:
        for (int start = 0; start + sub.size() <= sup.size(); start++) {
            for (int j = 0; j < sub.size(); j++) {
                if (sup.get(start + j).compareTo(sub.get(j)) != 0) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * OPA counts every array element found in the set (duplicates included) and answers true once
     * the count reaches the set's size; an empty array is never a superset, even of an empty set.
     */
    private static boolean arraySetSubset(ArrayValue sup, SetValue sub) {
        int unmatched = sub.size();
        for (Value v : sup.items()) {
            if (sub.contains(v)) {
                unmatched--;
            }
            if (unmatched == 0) {
                return true;
            }
        }
        return false;
    }
}
