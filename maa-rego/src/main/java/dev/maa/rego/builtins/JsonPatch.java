package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** RFC 6902 JSON Patch over immutable values, for {@code json.patch}. */
final class JsonPatch {
    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    /** Any failure: OPA answers undefined. */
    static final class PatchFailure extends Exception {
        PatchFailure(String message) {
            super(message, null, false, false);
        }
    }

    private JsonPatch() {}

    static Value apply(Value doc, ArrayValue ops) throws PatchFailure {
        for (Value op : ops.items()) {
            if (!(op instanceof ObjectValue o)) {
                throw new PatchFailure("must be an array of JSON-Patch objects");
            }
            Value opName = attr(o, "op");
            if (!(opName instanceof StringValue name) || !OPS.contains(name.value())) {
                throw new PatchFailure("unrecognized op");
            }
            List<Value> path = path(attr(o, "path"));
            switch (name.value()) {
                case "add" -> doc = add(doc, path, 0, attr(o, "value"));
                case "remove" -> doc = remove(doc, path, 0);
                case "replace" ->
                    doc = path.isEmpty() ? attr(o, "value") : add(remove(doc, path, 0), path, 0, attr(o, "value"));
                case "move" -> {
                    List<Value> from = path(attr(o, "from"));
                    Value chunk = get(doc, from);
                    doc = add(remove(doc, from, 0), path, 0, chunk);
                }
                case "copy" -> doc = add(doc, path, 0, get(doc, path(attr(o, "from"))));
                default -> {
                    if (!get(doc, path).equals(attr(o, "value"))) {
                        throw new PatchFailure("test failed");
                    }
                }
            }
        }
        return doc;
    }

    private static List<Value> path(Value p) throws PatchFailure {
        if (!(p instanceof StringValue) && !(p instanceof ArrayValue)) {
            throw new PatchFailure("bad path");
        }
        return JsonPathBuiltins.path("json.patch", p);
    }

    private static Value attr(ObjectValue o, String name) throws PatchFailure {
        Value v = o.get(name);
        if (v == null) {
            throw new PatchFailure("missing '" + name + "' attribute");
        }
        return v;
    }

    private static int index(Value seg, int size, boolean allowEnd) throws PatchFailure {
        long i;
        if (seg instanceof StringValue s) {
            if (allowEnd && s.value().equals("-")) {
                return size;
            }
            if (!s.value().matches("0|[1-9][0-9]{0,8}")) {
                throw new PatchFailure("bad index");
            }
            i = Long.parseLong(s.value());
        } else if (seg instanceof NumberValue n && OpaOperands.goInt(n) != null) {
            i = OpaOperands.goInt(n);
        } else {
            throw new PatchFailure("bad index");
        }
        if (i < 0 || i > size || (!allowEnd && i == size)) {
            throw new PatchFailure("index out of range");
        }
        return (int) i;
    }

    private static Value child(Value node, Value seg) throws PatchFailure {
        if (node instanceof ObjectValue o) {
            Value v = o.get(seg);
            if (v == null) {
                throw new PatchFailure("missing key");
            }
            return v;
        }
        if (node instanceof ArrayValue a) {
            return a.get(index(seg, a.size(), false));
        }
        if (node instanceof SetValue) {
            throw unsupportedSet();
        }
        throw new PatchFailure("path through a scalar");
    }

    static Value get(Value doc, List<Value> path) throws PatchFailure {
        Value cur = doc;
        for (Value seg : path) {
            cur = child(cur, seg);
        }
        return cur;
    }

    private static Value add(Value node, List<Value> path, int i, Value value) throws PatchFailure {
        if (i == path.size()) {
            return value;
        }
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (node instanceof ObjectValue o) {
            TreeMap<Value, Value> m = o.toMap();
            m.put(seg, last ? value : add(child(o, seg), path, i + 1, value));
            return ObjectValue.of(m);
        }
        if (node instanceof ArrayValue a) {
            List<Value> items = new ArrayList<>(a.items());
            if (last) {
                items.add(index(seg, a.size(), true), value);
            } else {
                int k = index(seg, a.size(), false);
                items.set(k, add(items.get(k), path, i + 1, value));
            }
            return ArrayValue.of(items);
        }
        if (node instanceof SetValue) {
            throw unsupportedSet();
        }
        throw new PatchFailure("path through a scalar");
    }

    private static Value remove(Value node, List<Value> path, int i) throws PatchFailure {
        if (path.isEmpty()) {
            throw new PatchFailure("cannot remove the root");
        }
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (node instanceof ObjectValue o) {
            TreeMap<Value, Value> m = o.toMap();
            Value c = child(o, seg);
            if (last) {
                m.remove(seg);
            } else {
                m.put(seg, remove(c, path, i + 1));
            }
            return ObjectValue.of(m);
        }
        if (node instanceof ArrayValue a) {
            List<Value> items = new ArrayList<>(a.items());
            int k = index(seg, a.size(), false);
            if (last) {
                items.remove(k);
            } else {
                items.set(k, remove(items.get(k), path, i + 1));
            }
            return ArrayValue.of(items);
        }
        if (node instanceof SetValue) {
            throw unsupportedSet();
        }
        throw new PatchFailure("path through a scalar");
    }

    /** Patches through sets follow OPA's edit tree, which is not reproduced here. */
    private static BuiltinError unsupportedSet() {
        return new BuiltinError("json.patch: paths through sets are not supported by this engine");
    }
}
