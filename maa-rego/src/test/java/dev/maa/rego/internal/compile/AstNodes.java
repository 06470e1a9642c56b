package dev.maa.rego.internal.compile;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Test helper: every node of a type below a compiled rule or body, through records and lists (the AST). */
final class AstNodes {
    private AstNodes() {}

    static <T> List<T> all(Object root, Class<T> type) {
        List<T> out = new ArrayList<>();
        collect(root, type, out);
        return out;
    }

    private static <T> void collect(Object o, Class<T> type, List<T> out) {
        if (type.isInstance(o)) {
            out.add(type.cast(o));
        }
        if (o instanceof List<?> l) {
            l.forEach(x -> collect(x, type, out));
        } else if (o instanceof Record r) {
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    collect(rc.getAccessor().invoke(r), type, out);
                } catch (ReflectiveOperationException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
    }
}
