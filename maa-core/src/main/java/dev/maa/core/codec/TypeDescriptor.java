package dev.maa.core.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed form of an argument type descriptor such as {@code java.util.Map<java.lang.String,com.acme.App[]>}.
 * Parsing only reads names; loading happens after every name passed the allow-list.
 */
record TypeDescriptor(String name, List<TypeDescriptor> parameters, int arrayDimensions) {

    static TypeDescriptor parse(String text) {
        Parser p = new Parser(text);
        TypeDescriptor d = p.type();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException(
                    "unexpected '" + text.charAt(p.pos) + "' at " + p.pos + " in type " + text);
        }
        return d;
    }

    /** Every class name mentioned, outermost first. */
    void names(List<String> out) {
        out.add(name);
        parameters.forEach(t -> t.names(out));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        if (!parameters.isEmpty()) {
            sb.append('<');
            for (int i = 0; i < parameters.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(parameters.get(i));
            }
            sb.append('>');
        }
        sb.append("[]".repeat(arrayDimensions));
        return sb.toString();
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        TypeDescriptor type() {
            int start = pos;
            while (pos < s.length() && (Character.isJavaIdentifierPart(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            if (start == pos || pos - start > 512) {
                throw new IllegalArgumentException("expected a class name at " + start + " in type " + s);
            }
            String name = s.substring(start, pos);
            List<TypeDescriptor> params = new ArrayList<>();
            if (pos < s.length() && s.charAt(pos) == '<') {
                do {
                    pos++;
                    params.add(type());
                    if (params.size() > 2) {
                        throw new IllegalArgumentException("too many type parameters in " + s);
                    }
                } while (pos < s.length() && s.charAt(pos) == ',');
                expect('>');
            }
            int dims = 0;
            while (pos < s.length() && s.charAt(pos) == '[') {
                pos++;
                expect(']');
                dims++;
            }
            return new TypeDescriptor(name, List.copyOf(params), dims);
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in type " + s);
            }
            pos++;
        }
    }
}
