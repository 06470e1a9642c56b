package dev.maa.rego.builtins;

import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * {@code uuid.rfc4122, uuid.parse, rand.intn}. Random results are fixed per evaluation and
 * argument, as OPA caches them per query: {@code rand.intn("k", 10)} twice in one query is one
 * number. The memo is keyed by the evaluation's context, held weakly, so it dies with the query.
 */
final class RandomBuiltins {
    /** Created on first use: seeding a SecureRandom loads the security providers, which a first decision should not pay for. */
    private static final class Rng {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private static final Map<BuiltinContext, Map<List<Value>, Value>> PER_QUERY = new WeakHashMap<>();
    /** 100-ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01. */
    private static final long UUID_EPOCH_OFFSET = 122_192_928_000_000_000L;

    private RandomBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("uuid.rfc4122", 1, (c, a) -> memo(c, "uuid.rfc4122", a, RandomBuiltins::randomUuid));
        r.register("uuid.parse", 1, (c, a) -> parse(Args.string("uuid.parse", a, 0)));
        r.register("rand.intn", 2, (c, a) -> {
            Args.string("rand.intn", a, 0);
            BigInteger n = Args.integer("rand.intn", a, 1);
            if (n.signum() == 0) {
                return NumberValue.ZERO;
            }
            long bound = n.abs().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            return memo(c, "rand.intn", a, () -> NumberValue.of(Rng.RANDOM.nextLong(bound)));
        });
    }

    private static Value memo(BuiltinContext c, String name, Value[] a, Supplier<Value> make) {
        List<Value> key = new ArrayList<>(List.of(a));
        key.add(StringValue.of(name));
        synchronized (PER_QUERY) {
            return PER_QUERY.computeIfAbsent(c, k -> new HashMap<>()).computeIfAbsent(key, k -> make.get());
        }
    }

    private static Value randomUuid() {
        byte[] b = new byte[16];
        Rng.RANDOM.nextBytes(b);
        b[6] = (byte) (b[6] & 0x0f | 0x40);
        b[8] = (byte) (b[8] & 0x3f | 0x80);
        String h = HexFormat.of().formatHex(b);
        return StringValue.of(h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20));
    }

    /** Google's uuid.Parse forms: plain, braced, {@code urn:uuid:} and 32 bare hex digits. */
    static byte[] uuidBytes(String s) {
        String hex;
        if (s.length() == 36 + 9 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            s = s.substring(9);
        } else if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            s = s.substring(1, 37);
        }
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
                return null;
            }
            hex = s.replace("-", "");
            if (hex.length() != 32) {
                return null;
            }
        } else if (s.length() == 32) {
            hex = s;
        } else {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Value parse(String s) {
        byte[] u = uuidBytes(s);
        if (u == null) {
            return null;
        }
        Map<String, Value> out = new LinkedHashMap<>();
        int version = (u[6] & 0xff) >> 4;
        out.put("version", NumberValue.of(version));
        out.put("variant", StringValue.of(variant(u[8] & 0xff)));
        if (version == 1 || version == 2) {
            long t = (u32(u, 0)) | (u16(u, 4) << 32) | ((u16(u, 6) & 0xfff) << 48);
            long since = t - UUID_EPOCH_OFFSET;
            out.put("time", NumberValue.of(BigInteger.valueOf(since).multiply(BigInteger.valueOf(100))));
            int first = u[10] & 0xff;
            out.put("macvariables", StringValue.of(macVariables(first)));
            StringBuilder node = new StringBuilder();
            for (int i = 10; i < 16; i++) {
                node.append(i > 10 ? "-" : "").append(String.format("%02x", u[i] & 0xff));
            }
            out.put("nodeid", StringValue.of(node.toString()));
            out.put("clocksequence", NumberValue.of(u16(u, 8) & 0x3fff));
            if (version == 2) {
                out.put("id", NumberValue.of(u32(u, 0)));
                int domain = u[9] & 0xff;
                out.put(
                        "domain",
                        StringValue.of(
                                switch (domain) {
                                    case 0 -> "Person";
                                    case 1 -> "Group";
                                    case 2 -> "Org";
                                    default -> "Domain" + domain;
                                }));
            }
        }
        return ObjectValue.ofStrings(out);
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) << 16) | u16(b, at + 2);
    }

    private static long u16(byte[] b, int at) {
        return ((b[at] & 0xffL) << 8) | (b[at + 1] & 0xffL);
    }

    private static String variant(int b) {
        if ((b & 0xc0) == 0x80) {
            return "RFC4122";
        } else if ((b & 0xe0) == 0xc0) {
            return "Microsoft";
        } else if ((b & 0xe0) == 0xe0) {
            return "Future";
        }
        return "Reserved";
    }

    private static String macVariables(int b) {
        if ((b & 3) == 3) {
            return "local:multicast";
        } else if ((b & 1) == 1) {
            return "global:multicast";
        } else if ((b & 2) == 2) {
            return "local:unicast";
        }
        return "global:unicast";
    }
}
