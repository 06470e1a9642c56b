package dev.maa.policies.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive of regular files: just enough for OPA bundles, without a dependency.
 * Every entry gets mode 0644, owner 0/0 and mtime 0 so that the same files always give the same bytes.
 *
 * <p>Kept instead of Apache Commons Compress, which reads our archives back entry for entry in
 * {@code TarWriterTest}: a bundle needs regular files only, and this is 80 lines; the library would bring three
 * more jars (commons-io, -lang3, -codec) into the server, and its defaults are not reproducible (mtime now, the
 * user name of the JVM, type bits in the mode, 10 KiB records), so it would need as many lines of settings.
 */
public final class TarWriter implements AutoCloseable {

    private static final int BLOCK = 512;

    private final OutputStream out;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    public void add(String path, byte[] content) throws IOException {
        byte[] header = new byte[BLOCK];
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length <= 100) {
            System.arraycopy(name, 0, header, 0, name.length);
        } else {
            int cut = path.lastIndexOf('/', Math.min(path.length() - 1, 155));
            byte[] prefix = cut < 0 ? new byte[0] : path.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            byte[] rest = cut < 0 ? name : path.substring(cut + 1).getBytes(StandardCharsets.UTF_8);
            if (cut < 0 || prefix.length > 155 || rest.length > 100) {
                throw new IllegalArgumentException("Path too long for a tar entry: " + path);
            }
            System.arraycopy(rest, 0, header, 0, rest.length);
            System.arraycopy(prefix, 0, header, 345, prefix.length);
        }
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, 0);
        header[156] = '0';
        ascii(header, 257, "ustar\0");
        ascii(header, 263, "00");
        // the checksum is computed with its own field filled with spaces
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        out.write(header);
        out.write(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[pad]);
    }

    /** Writes the two zero blocks that end an archive; does not close the underlying stream. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > len - 1) {
            throw new IllegalArgumentException("Value " + value + " does not fit a tar header field");
        }
        s = "0".repeat(len - 1 - s.length()) + s;
        ascii(h, off, s);
        h[off + len - 1] = 0;
    }

    private static void ascii(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
