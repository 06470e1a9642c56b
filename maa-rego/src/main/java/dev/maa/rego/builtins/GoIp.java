package dev.maa.rego.builtins;

import java.util.Arrays;

/**
 * Go's {@code net.ParseIP}, {@code net.ParseCIDR}, {@code IPNet.Contains} and {@code IP.String},
 * written out because {@code java.net.InetAddress} may resolve host names and accepts forms Go
 * rejects (octal octets, leading zeros, zones). Addresses are 16 bytes as in Go; a network's
 * address and mask are 4 bytes for IPv4 CIDRs.
 */
final class GoIp {
    private GoIp() {}

    /** A parsed CIDR: the masked network address and the mask, both 4 or 16 bytes. */
    record Net(byte[] ip, byte[] mask, int prefix) {
        int bits() {
            return mask.length * 8;
        }
    }

    /** Go's {@code ParseIP}: a 16-byte address, or null. */
    static byte[] parseIp(String s) {
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        byte[] v4 = parseV4(s);
        if (v4 == null) {
            return null;
        }
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(v4, 0, out, 12, 4);
        return out;
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty()
                    || p.length() > 3
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        byte[] out = new byte[16];
        int ellipsis = -1;
        int j = 0;
        int i = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            i = 2;
            if (i == s.length()) {
                return out;
            }
        }
        while (j < 16) {
            int start = i;
            int v = 0;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80 && i - start < 4) {
                v = v * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i == start) {
                return null;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                if (ellipsis < 0 && j != 12 || j + 4 > 16) {
                    return null;
                }
                byte[] v4 = parseV4(s.substring(start));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, j, 4);
                j += 4;
                i = s.length();
                break;
            }
            if (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                return null;
            }
            out[j] = (byte) (v >> 8);
            out[j + 1] = (byte) v;
            j += 2;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != ':' || i + 1 == s.length()) {
                return null;
            }
            i++;
            if (s.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = j;
                i++;
                if (i == s.length()) {
                    break;
                }
            }
        }
        if (i != s.length()) {
            return null;
        }
        if (j < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - j;
            System.arraycopy(out, ellipsis, out, ellipsis + n, j - ellipsis);
            Arrays.fill(out, ellipsis, ellipsis + n, (byte) 0);
        } else if (ellipsis >= 0) {
            return null;
        }
        return out;
    }

    /** Go's {@code IP.To4}: the last 4 bytes of an IPv4-mapped address, else null. */
    static byte[] to4(byte[] ip) {
        if (ip.length == 4) {
            return ip;
        }
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return null;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff ? Arrays.copyOfRange(ip, 12, 16) : null;
    }

    /** Go's {@code ParseCIDR}, or null. */
    static Net parseCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String addr = s.substring(0, slash);
        String mask = s.substring(slash + 1);
        byte[] ip = parseIp(addr);
        if (ip == null || mask.isEmpty() || mask.length() > 9 || !mask.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        boolean v4 = addr.indexOf(':') < 0;
        int bits = v4 ? 32 : 128;
        int n = Integer.parseInt(mask);
        if (n > bits) {
            return null;
        }
        byte[] m = new byte[bits / 8];
        for (int i = 0; i < n; i++) {
            m[i / 8] |= (byte) (0x80 >> (i % 8));
        }
        byte[] base = v4 ? Arrays.copyOfRange(ip, 12, 16) : ip;
        byte[] masked = new byte[base.length];
        for (int i = 0; i < base.length; i++) {
            masked[i] = (byte) (base[i] & m[i]);
        }
        return new Net(masked, m, n);
    }

    /** Go's {@code IPNet.Contains}. */
    static boolean contains(Net n, byte[] ip) {
        byte[] nn = to4(n.ip());
        if (nn == null) {
            nn = n.ip();
        }
        byte[] m = n.mask();
        if (m.length == 4 && nn.length != 4) {
            return false;
        }
        if (m.length == 16 && nn.length == 4) {
            m = Arrays.copyOfRange(m, 12, 16);
        }
        byte[] x = to4(ip);
        if (x != null) {
            ip = x;
        }
        if (ip.length != nn.length) {
            return false;
        }
        for (int i = 0; i < ip.length; i++) {
            if ((nn[i] & m[i]) != (ip[i] & m[i])) {
                return false;
            }
        }
        return true;
    }

    /** The last address of a network (all host bits set). */
    static byte[] last(Net n) {
        byte[] out = n.ip().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] |= (byte) ~n.mask()[i];
        }
        return out;
    }

    /** Go's {@code IP.String}. */
    static String format(byte[] ip) {
        byte[] v4 = to4(ip);
        if (v4 != null) {
            return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 16; i += 2) {
            int j = i;
            while (j < 16 && ip[j] == 0 && ip[j + 1] == 0) {
                j += 2;
            }
            if (j - i > bestLen && j - i >= 4) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 2;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff)));
        }
        return sb.toString();
    }
}
