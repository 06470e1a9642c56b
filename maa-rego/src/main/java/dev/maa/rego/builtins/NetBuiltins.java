package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code net.cidr_contains, net.cidr_intersects, net.cidr_is_valid, net.cidr_contains_matches,
 * net.cidr_expand, net.cidr_merge} ({@link CidrMerge}) with Go's address parsing (see {@link GoIp}).
 * {@code net.lookup_ip_addr} is not implemented (no network access).
 */
final class NetBuiltins {
    /** net.cidr_expand refuses networks larger than this. */
    static final int MAX_EXPAND = 65_536;

    private NetBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("net.cidr_contains", 2, (c, a) -> contains("net.cidr_contains", a[0], a[1]));
        r.register("net.cidr_intersects", 2, (c, a) -> intersects(a));
        r.register(
                "net.cidr_is_valid",
                1,
                (c, a) -> BooleanValue.of(a[0] instanceof StringValue s && GoIp.parseCidr(s.value()) != null));
        r.register("net.cidr_contains_matches", 2, (c, a) -> containsMatches(a));
        r.register("net.cidr_expand", 1, (c, a) -> expand(a));
        r.register("net.cidr_merge", 1, (c, a) -> CidrMerge.merge(a));
        r.unsupported("net.lookup_ip_addr", "DNS lookups are not supported by the embedded engine");
    }

    private static GoIp.Net net(String name, Value v) {
        String s = Args.string(name, new Value[] {v}, 0);
        GoIp.Net n = GoIp.parseCidr(s);
        if (n == null) {
            throw BuiltinError.of(name, "invalid CIDR address: " + s);
        }
        return n;
    }

    static Value contains(String name, Value a, Value b) {
        GoIp.Net netA = net(name, a);
        String bs = Args.string(name, new Value[] {b}, 0);
        byte[] ip = GoIp.parseIp(bs);
        if (ip != null) {
            return BooleanValue.of(GoIp.contains(netA, ip));
        }
        GoIp.Net netB = GoIp.parseCidr(bs);
        if (netB == null) {
            throw BuiltinError.of(name, "not a valid textual representation of an IP address or CIDR: " + bs);
        }
        return BooleanValue.of(GoIp.contains(netA, netB.ip()) && GoIp.contains(netA, GoIp.last(netB)));
    }

    static Value intersects(Value[] a) {
        GoIp.Net x = net("net.cidr_intersects", a[0]);
        GoIp.Net y = net("net.cidr_intersects", a[1]);
        return BooleanValue.of(GoIp.contains(x, y.ip()) || GoIp.contains(y, x.ip()));
    }

    /** {cidr, key} pairs of one operand of {@code net.cidr_contains_matches}. */
    private static List<Value[]> entries(String name, int operand, Value v) {
        List<Value[]> out = new ArrayList<>();
        if (v instanceof StringValue) {
            out.add(new Value[] {v, v});
        } else if (v instanceof ArrayValue arr) {
            for (int i = 0; i < arr.size(); i++) {
                out.add(new Value[] {matchTerm(name, operand, arr.get(i)), NumberValue.of(i)});
            }
        } else if (v instanceof SetValue s) {
            for (Value x : s.items()) {
                out.add(new Value[] {matchTerm(name, operand, x), x});
            }
        } else if (v instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                out.add(new Value[] {matchTerm(name, operand, o.valueAt(i)), o.keyAt(i)});
            }
        }
        // OPA silently matches nothing for other operand types.
        return out;
    }

    private static Value matchTerm(String name, int operand, Value v) {
        if (v instanceof StringValue) {
            return v;
        }
        if (v instanceof ArrayValue arr && arr.size() > 0) {
            return arr.get(0);
        }
        throw BuiltinError.of(name, "operand " + operand + ": element must be string or non-empty array");
    }

    static Value containsMatches(Value[] a) {
        String name = "net.cidr_contains_matches";
        List<Value> out = new ArrayList<>();
        for (Value[] x : entries(name, 1, a[0])) {
            for (Value[] y : entries(name, 2, a[1])) {
                if (contains(name, x[0], y[0]) == BooleanValue.TRUE) {
                    out.add(ArrayValue.of(x[1], y[1]));
                }
            }
        }
        return SetValue.of(out);
    }

    static Value expand(Value[] a) {
        GoIp.Net n = net("net.cidr_expand", a[0]);
        int hostBits = n.bits() - n.prefix();
        if (hostBits > 16) {
            throw BuiltinError.of(
                    "net.cidr_expand",
                    "expanding more than " + MAX_EXPAND + " addresses is not supported by this engine");
        }
        List<Value> out = new ArrayList<>();
        byte[] ip = n.ip().clone();
        for (int k = 0; k < (1 << hostBits); k++) {
            byte[] full = ip.length == 4 ? GoIp.parseIp(GoIp.format(ip)) : ip;
            out.add(StringValue.of(GoIp.format(full)));
            for (int j = ip.length - 1; j >= 0; j--) {
                ip[j]++;
                if (ip[j] != 0) {
                    break;
                }
            }
        }
        return SetValue.of(out);
    }
}
