package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code net.cidr_merge}: the smallest list of CIDRs covering the given addresses and networks,
 * as OPA computes it (netaddr's algorithm: ranges sorted by last then first address, overlapping
 * or adjacent ranges merged, merged ranges split back into aligned blocks). A bare IPv4 address
 * takes its classful default mask, as Go's {@code IP.DefaultMask}; a bare IPv6 address is an error.
 */
final class CidrMerge {
    private static final String NAME = "net.cidr_merge";

    private CidrMerge() {}

    /** One input range; {@code text} is the original network when the range was not merged. */
    private record Range(byte[] first, byte[] last, String text) {}

    static Value merge(Value[] a) {
        List<Value> items;
        if (a[0] instanceof ArrayValue arr) {
            items = arr.items();
        } else if (a[0] instanceof SetValue set) {
            items = set.items();
        } else {
            throw BuiltinError.of(NAME, "operand must be an array");
        }
        List<Range> ranges = new ArrayList<>();
        for (Value v : items) {
            ranges.add(range(v));
        }
        ranges.sort((x, y) -> {
            int c = Arrays.compareUnsigned(x.last(), y.last());
            return c != 0 ? c : Arrays.compareUnsigned(x.first(), y.first());
        });
        for (int i = ranges.size() - 1; i > 0; i--) {
            Range cur = ranges.get(i);
            Range prev = ranges.get(i - 1);
            if (Arrays.compareUnsigned(add(cur.first(), -1), prev.last()) <= 0) {
                byte[] first = Arrays.compareUnsigned(prev.first(), cur.first()) < 0 ? prev.first() : cur.first();
                ranges.set(i - 1, new Range(first, cur.last(), null));
                ranges.remove(i);
            }
        }
        List<Value> out = new ArrayList<>();
        for (Range r : ranges) {
            if (r.text() != null) {
                out.add(StringValue.of(r.text()));
            } else {
                toCidrs(r.first(), r.last(), out);
            }
        }
        return SetValue.of(out);
    }

    private static Range range(Value v) {
        if (!(v instanceof StringValue s)) {
            throw BuiltinError.of(NAME, "element must be string");
        }
        byte[] ip = GoIp.parseIp(s.value());
        if (ip != null) {
            byte[] v4 = GoIp.to4(ip);
            if (v4 == null) {
                throw BuiltinError.of(NAME, "IPv6 invalid: needs prefix length");
            }
            int first = v4[0] & 0xff;
            int prefix = first < 0x80 ? 8 : first < 0xc0 ? 16 : 24;
            GoIp.Net n = GoIp.parseCidr(GoIp.format(v4) + "/" + prefix);
            return new Range(n.ip(), GoIp.last(n), GoIp.format(v4) + "/" + prefix);
        }
        GoIp.Net n = GoIp.parseCidr(s.value());
        if (n == null) {
            throw BuiltinError.of(NAME, "invalid CIDR address: " + s.value());
        }
        return new Range(n.ip(), GoIp.last(n), GoIp.format(n.ip()) + "/" + n.prefix());
    }

    /** {@code ip + delta} in the same width, wrapping as Go's byte arithmetic does. */
    private static byte[] add(byte[] ip, int delta) {
        BigInteger mod = BigInteger.ONE.shiftLeft(ip.length * 8);
        BigInteger n = new BigInteger(1, ip).add(BigInteger.valueOf(delta)).mod(mod);
        return bytes(n, ip.length);
    }

    private static byte[] bytes(BigInteger n, int len) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(len, raw.length);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }

    /** The aligned blocks covering {@code [first, last]}, largest first. */
    private static void toCidrs(byte[] first, byte[] last, List<Value> out) {
        int bits = first.length * 8;
        BigInteger start = new BigInteger(1, first);
        BigInteger end = new BigInteger(1, last);
        while (start.compareTo(end) <= 0) {
            int size = start.signum() == 0 ? bits : start.getLowestSetBit();
            while (size > 0
                    && start.add(BigInteger.ONE.shiftLeft(size))
                                    .subtract(BigInteger.ONE)
                                    .compareTo(end)
                            > 0) {
                size--;
            }
            out.add(StringValue.of(GoIp.format(bytes(start, first.length)) + "/" + (bits - size)));
            start = start.add(BigInteger.ONE.shiftLeft(size));
        }
    }
}
