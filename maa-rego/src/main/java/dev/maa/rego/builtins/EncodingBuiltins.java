package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code base64.*, base64url.*, hex.*, urlquery.*}. Strings are UTF-8 bytes on the Go side;
 * decoded bytes that are not valid UTF-8 become U+FFFD here, where Go keeps the raw bytes.
 */
final class EncodingBuiltins {
    private EncodingBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("base64.encode", 1, (c, a) -> str(Base64.getEncoder().encodeToString(bytes("base64.encode", a))));
        r.register("base64.decode", 1, (c, a) -> base64Decode(a));
        r.register("base64.is_valid", 1, (c, a) -> base64IsValid(a));
        r.register(
                "base64url.encode",
                1,
                (c, a) -> str(Base64.getUrlEncoder().encodeToString(bytes("base64url.encode", a))));
        r.register(
                "base64url.encode_no_pad",
                1,
                (c, a) -> str(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes("base64url.encode_no_pad", a))));
        r.register("base64url.decode", 1, (c, a) -> base64UrlDecode(a));
        r.register("hex.encode", 1, (c, a) -> str(hexEncode(bytes("hex.encode", a))));
        r.register("hex.decode", 1, (c, a) -> hexDecode(a));
        r.register("urlquery.encode", 1, (c, a) -> str(queryEscape(Args.string("urlquery.encode", a, 0))));
        r.register(
                "urlquery.decode",
                1,
                (c, a) -> str(queryUnescape("urlquery.decode", Args.string("urlquery.decode", a, 0))));
        r.register("urlquery.encode_object", 1, (c, a) -> encodeObject(a));
        r.register("urlquery.decode_object", 1, (c, a) -> decodeObject(a));
    }

    private static Value str(String s) {
        return StringValue.of(s);
    }

    private static byte[] bytes(String name, Value[] a) {
        return Args.string(name, a, 0).getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Decoded bytes as a string. Go keeps invalid UTF-8 bytes inside strings, and later operations
     * (count, JSON output) treat them byte by byte; a Java string cannot hold them, so such results
     * are refused instead of silently replaced.
     */
    static String decodedText(String name, byte[] b) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw BuiltinError.of(
                    name, "decoded bytes are not valid UTF-8, which this engine cannot represent in a string");
        }
    }

    static Value base64Decode(Value[] a) {
        try {
            return str(decodedText("base64.decode", GoBase64.decodeStd(Args.string("base64.decode", a, 0))));
        } catch (GoBase64.CorruptInput e) {
            throw BuiltinError.of("base64.decode", e.getMessage());
        }
    }

    static Value base64IsValid(Value[] a) {
        if (!(a[0] instanceof StringValue s)) {
            return BooleanValue.FALSE;
        }
        try {
            GoBase64.decodeStd(s.value());
            return BooleanValue.TRUE;
        } catch (GoBase64.CorruptInput e) {
            return BooleanValue.FALSE;
        }
    }

    /** Missing padding is restored first (RFC 7515 appendix C), as OPA does. */
    static Value base64UrlDecode(Value[] a) {
        try {
            return str(decodedText("base64url.decode", base64UrlBytes(Args.string("base64url.decode", a, 0))));
        } catch (IllegalArgumentException e) {
            throw BuiltinError.of("base64url.decode", e.getMessage());
        }
    }

    /** base64url.decode's bytes; the exception carries Go's message, without a builtin name. */
    static byte[] base64UrlBytes(String s) {
        if (!s.endsWith("=")) {
            int rem = s.getBytes(StandardCharsets.UTF_8).length % 4;
            switch (rem) {
                case 0 -> {}
                case 2 -> s += "==";
                case 3 -> s += "=";
                default -> throw new IllegalArgumentException("illegal base64url string: " + s);
            }
        }
        try {
            return GoBase64.decodeUrl(s);
        } catch (GoBase64.CorruptInput e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static String hexEncode(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    static Value hexDecode(Value[] a) {
        byte[] src = bytes("hex.decode", a);
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length / 2);
        int j = 1;
        for (; j < src.length; j += 2) {
            int hi = Character.digit(src[j - 1] & 0xff, 16);
            int lo = Character.digit(src[j] & 0xff, 16);
            if (hi < 0 || (src[j - 1] & 0xff) > 0x7f) {
                throw invalidHexByte(src[j - 1]);
            }
            if (lo < 0 || (src[j] & 0xff) > 0x7f) {
                throw invalidHexByte(src[j]);
            }
            out.write(hi << 4 | lo);
        }
        if (src.length % 2 == 1) {
            int last = src[j - 1] & 0xff;
            if (last > 0x7f || Character.digit(last, 16) < 0) {
                throw invalidHexByte(src[j - 1]);
            }
            throw BuiltinError.of("hex.decode", "encoding/hex: odd length hex string");
        }
        return str(decodedText("hex.decode", out.toByteArray()));
    }

    private static BuiltinError invalidHexByte(byte b) {
        int r = b & 0xff;
        String hex = String.format("U+%04X", r);
        String shown = GoQuote.isPrint(r) ? hex + " '" + (char) r + "'" : hex;
        return BuiltinError.of("hex.decode", "encoding/hex: invalid byte: " + shown);
    }

    /** Go's {@code url.QueryEscape}. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Go's {@code url.QueryUnescape}. */
    static String queryUnescape(String name, String s) {
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length);
        for (int i = 0; i < src.length; ) {
            int c = src[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= src.length || !isHex(src[i + 1]) || !isHex(src[i + 2])) {
                    String rest = utf8(java.util.Arrays.copyOfRange(src, i, Math.min(src.length, i + 3)));
                    throw BuiltinError.of(name, "invalid URL escape " + GoQuote.quote(rest));
                }
                out.write(Character.digit(src[i + 1], 16) << 4 | Character.digit(src[i + 2], 16));
                i += 3;
            } else {
                out.write(c == '+' ? ' ' : c);
                i++;
            }
        }
        return decodedText(name, out.toByteArray());
    }

    private static boolean isHex(byte b) {
        return b >= 0 && Character.digit(b, 16) >= 0;
    }

    static Value encodeObject(Value[] a) {
        ObjectValue o = Args.object("urlquery.encode_object", a, 0);
        TreeMap<String, List<String>> query = new TreeMap<>();
        for (int i = 0; i < o.size(); i++) {
            Value k = o.keyAt(i);
            String key = k instanceof StringValue s ? s.value() : k.toJson();
            Value v = o.valueAt(i);
            List<String> vals = new ArrayList<>();
            if (v instanceof StringValue s) {
                vals.add(s.value());
            } else if (v instanceof ArrayValue || v instanceof SetValue) {
                List<Value> items = v instanceof ArrayValue arr ? arr.items() : ((SetValue) v).items();
                for (Value e : items) {
                    if (!(e instanceof StringValue es)) {
                        throw encodeObjectError();
                    }
                    vals.add(es.value());
                }
            } else {
                throw encodeObjectError();
            }
            query.computeIfAbsent(key, x -> new ArrayList<>()).addAll(vals);
        }
        StringBuilder sb = new StringBuilder();
        query.forEach((k, vs) -> {
            for (String v : vs) {
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(queryEscape(k)).append('=').append(queryEscape(v));
            }
        });
        return str(sb.toString());
    }

    private static BuiltinError encodeObjectError() {
        return OpaOperands.operandError(
                "urlquery.encode_object", 1, "values must be string, array[string], or set[string]");
    }

    /** Go's {@code url.ParseQuery}: the first error wins, after all pairs are read. */
    static Value decodeObject(Value[] a) {
        String query = Args.string("urlquery.decode_object", a, 0);
        Map<String, List<Value>> out = new LinkedHashMap<>();
        BuiltinError first = null;
        for (String part : query.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.contains(";")) {
                first = first != null
                        ? first
                        : BuiltinError.of("urlquery.decode_object", "invalid semicolon separator in query");
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                k = queryUnescape("urlquery.decode_object", k);
                v = queryUnescape("urlquery.decode_object", v);
            } catch (BuiltinError e) {
                first = first != null ? first : e;
                continue;
            }
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(StringValue.of(v));
        }
        if (first != null) {
            throw first;
        }
        Map<String, Value> obj = new TreeMap<>();
        out.forEach((k, vs) -> obj.put(k, ArrayValue.of(vs)));
        return ObjectValue.ofStrings(obj);
    }
}
