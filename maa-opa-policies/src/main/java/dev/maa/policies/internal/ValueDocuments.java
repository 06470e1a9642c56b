package dev.maa.policies.internal;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only Java view of a Rego value, converted only where it is read: objects are maps, arrays and sets
 * lists, scalars as {@link Values#toJava}. {@link DecisionDocuments} reads an embedded decision through it
 * with the same checks as an OPA server's JSON, without converting the reasons and fields it does not read
 * (converting the whole document was most of reading a decision).
 */
final class ValueDocuments {

    private ValueDocuments() {}

    /** {@code v} as plain Java, nested values converted when they are read. */
    static Object view(Value v) {
        if (v instanceof ObjectValue o) {
            return new ObjectView(o);
        }
        if (v instanceof ArrayValue a) {
            return new ListView(a.items());
        }
        if (v instanceof SetValue s) {
            return new ListView(s.items());
        }
        return Values.toJava(v);
    }

    private static final class ObjectView extends AbstractMap<String, Object> {
        private final ObjectValue o;

        ObjectView(ObjectValue o) {
            this.o = o;
        }

        @Override
        public Object get(Object key) {
            Value v = key instanceof String s ? o.get(new StringValue(s)) : null;
            return v == null ? null : view(v);
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String s && o.get(new StringValue(s)) != null;
        }

        @Override
        public int size() {
            return o.size();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Set<Entry<String, Object>> entrySet() {
            return ((Map<String, Object>) Values.toJava(o)).entrySet();
        }
    }

    private static final class ListView extends AbstractList<Object> {
        private final List<Value> items;

        ListView(List<Value> items) {
            this.items = items;
        }

        @Override
        public Object get(int i) {
            return view(items.get(i));
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
