package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code json.filter}, {@code json.remove} and {@code json.patch}. Paths are JSON pointers
 * ({@code "a/0/b"}, {@code ~0 ~1} escapes) or arrays of segments; array positions are matched by
 * their decimal string, as in OPA. A failing patch makes {@code json.patch} undefined, as in OPA;
 * patches that address set members are refused as unsupported.
 */
final class JsonPathBuiltins {
    private JsonPathBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("json.filter", 2, (c, a) -> filter(a));
        r.register("json.remove", 2, (c, a) -> remove(a));
        r.register("json.patch", 2, (c, a) -> patch(a));
    }

    static List<List<Value>> paths(String name, Value v) {
        List<Value> items;
        if (v instanceof ArrayValue arr) {
            items = arr.items();
        } else if (v instanceof SetValue s) {
            items = s.items();
        } else {
            throw Args.typeError(name, 2, v, "set", "array");
        }
        List<List<Value>> out = new ArrayList<>();
        for (Value p : items) {
            out.add(path(name, p));
        }
        return out;
    }

    static List<Value> path(String name, Value p) {
        List<Value> segs = new ArrayList<>();
        if (p instanceof StringValue s) {
            if (s.value().isEmpty()) {
                return segs;
            }
            for (String part : s.value().replaceFirst("^/+", "").split("/", -1)) {
                segs.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
            }
        } else if (p instanceof ArrayValue arr) {
            segs.addAll(arr.items());
        } else {
            throw OpaOperands.operandError(
                    name,
                    2,
                    "must be one of {set, array} containing string paths or array of " + "path segments but got "
                            + p.typeName());
        }
        return segs;
    }

    /** OPA's {@code pathsToObject}: a tree of the paths, leaves null; a shorter path wins. */
    static Value toTree(List<List<Value>> paths) {
        TreeMap<Value, Object> root = new TreeMap<>();
        for (List<Value> path : paths) {
            if (path.isEmpty()) {
                continue;
            }
            insert(root, path, 0);
        }
        return freeze(root);
    }

    @SuppressWarnings("unchecked")
    private static void insert(TreeMap<Value, Object> node, List<Value> path, int i) {
        Value k = path.get(i);
        if (i == path.size() - 1) {
            node.put(k, NullValue.INSTANCE);
            return;
        }
        Object child = node.get(k);
        if (child instanceof NullValue) {
            return;
        }
        if (child == null) {
            child = new TreeMap<Value, Object>();
            node.put(k, child);
        }
        insert((TreeMap<Value, Object>) child, path, i + 1);
    }

    @SuppressWarnings("unchecked")
    private static Value freeze(Object node) {
        if (node instanceof Value v) {
            return v;
        }
        TreeMap<Value, Value> out = new TreeMap<>();
        ((TreeMap<Value, Object>) node).forEach((k, v) -> out.put(k, freeze(v)));
        return ObjectValue.of(out);
    }

    static Value filter(Value[] a) {
        ObjectValue obj = Args.object("json.filter", a, 0);
        return filterValue(obj, toTree(paths("json.filter", a[1])));
    }

    private static Value filterValue(Value o, Value filter) {
        if (filter instanceof NullValue || o.isScalar()) {
            return o;
        }
        ObjectValue f = (ObjectValue) filter;
        if (o instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                Value sub = f.get(StringValue.of(Integer.toString(i)));
                if (sub != null) {
                    out.add(filterValue(arr.get(i), sub));
                }
            }
            return ArrayValue.of(out);
        }
        if (o instanceof SetValue s) {
            List<Value> out = new ArrayList<>();
            for (Value t : s.items()) {
                Value sub = f.get(t);
                if (sub != null) {
                    out.add(filterValue(t, sub));
                }
            }
            return SetValue.of(out);
        }
        ObjectValue obj = (ObjectValue) o;
        TreeMap<Value, Value> out = new TreeMap<>();
        for (int i = 0; i < obj.size(); i++) {
            Value sub = f.get(obj.keyAt(i));
            if (sub != null) {
                out.put(obj.keyAt(i), filterValue(obj.valueAt(i), sub));
            }
        }
        return ObjectValue.of(out);
    }

    static Value remove(Value[] a) {
        Args.object("json.remove", a, 0);
        return removeValue(a[0], toTree(paths("json.remove", a[1])));
    }

    /** OPA's {@code jsonRemove}: null means "drop this value". */
    private static Value removeValue(Value a, Value b) {
        if (b == null || !(b instanceof ObjectValue || b instanceof NullValue)) {
            return a;
        }
        if (b instanceof NullValue) {
            return null;
        }
        ObjectValue bo = (ObjectValue) b;
        if (a.isScalar()) {
            return a;
        }
        if (a instanceof ObjectValue o) {
            TreeMap<Value, Value> out = new TreeMap<>();
            for (int i = 0; i < o.size(); i++) {
                Value v = removeValue(o.valueAt(i), bo.get(o.keyAt(i)));
                if (v != null) {
                    out.put(o.keyAt(i), v);
                }
            }
            return ObjectValue.of(out);
        }
        if (a instanceof SetValue s) {
            List<Value> out = new ArrayList<>();
            for (Value t : s.items()) {
                Value v = removeValue(t, bo.get(t));
                if (v != null) {
                    out.add(v);
                }
            }
            return SetValue.of(out);
        }
        ArrayValue arr = (ArrayValue) a;
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            Value v = removeValue(arr.get(i), bo.get(StringValue.of(Integer.toString(i))));
            if (v != null) {
                out.add(v);
            }
        }
        return ArrayValue.of(out);
    }

    static Value patch(Value[] a) {
        ArrayValue ops = Args.array("json.patch", a, 1);
        try {
            return JsonPatch.apply(a[0], ops);
        } catch (JsonPatch.PatchFailure e) {
            return null;
        }
    }
}
