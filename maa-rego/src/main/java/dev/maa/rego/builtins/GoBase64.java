package dev.maa.rego.builtins;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's {@code encoding/base64} decoder (padded standard and URL alphabets), so that accepted
 * inputs and the {@code illegal base64 data at input byte N} positions match OPA: CR and LF are
 * skipped anywhere, padding is required, trailing bits are not checked.
 */
final class GoBase64 {
    private static final String STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private GoBase64() {}

    /** Thrown with Go's message text. */
    static final class CorruptInput extends Exception {
        CorruptInput(long at) {
            super("illegal base64 data at input byte " + at, null, false, false);
        }
    }

    static byte[] decodeStd(String s) throws CorruptInput {
        return decode(s, STD);
    }

    static byte[] decodeUrl(String s) throws CorruptInput {
        return decode(s, URL);
    }

    private static byte[] decode(String text, String alphabet) throws CorruptInput {
        byte[] src = text.getBytes(StandardCharsets.UTF_8);
        int[] map = new int[256];
        java.util.Arrays.fill(map, -1);
        for (int i = 0; i < alphabet.length(); i++) {
            map[alphabet.charAt(i)] = i;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length * 3 / 4);
        int si = 0;
        while (true) {
            int[] dbuf = new int[4];
            int dlen = 4;
            boolean end = false;
            for (int j = 0; j < 4; j++) {
                if (si == src.length) {
                    if (j == 0) {
                        return out.toByteArray();
                    }
                    throw new CorruptInput(si - j);
                }
                int in = src[si] & 0xff;
                si++;
                if (map[in] >= 0) {
                    dbuf[j] = map[in];
                    continue;
                }
                if (in == '\n' || in == '\r') {
                    j--;
                    continue;
                }
                if (in != '=') {
                    throw new CorruptInput(si - 1);
                }
                if (j < 2) {
                    throw new CorruptInput(si - 1);
                }
                if (j == 2) {
                    while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
                        si++;
                    }
                    if (si == src.length) {
                        throw new CorruptInput(src.length);
                    }
                    if (src[si] != '=') {
                        throw new CorruptInput(si - 1);
                    }
                    si++;
                }
                while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
                    si++;
                }
                if (si < src.length) {
                    throw new CorruptInput(si);
                }
                dlen = j;
                end = true;
                break;
            }
            int val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
            out.write(val >> 16);
            if (dlen >= 3) {
                out.write(val >> 8);
            }
            if (dlen == 4) {
                out.write(val);
            }
            if (end) {
                return out.toByteArray();
            }
        }
    }
}
