package dev.maa.store.jdbc.internal;

import dev.maa.api.MaaConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The format of a {@link TransitionLog} segment: records ({@link TransitionRecord}) one after the other, each framed by
 * its length and its CRC32, written by {@link #frame} and read back by {@link #read} (for {@link LogReplay}). Kept
 * apart from the log's writing, whose concern is ordering and forcing.
 */
final class LogSegments {

    private static final int HEADER = 8;
    /** No record comes near this: a length beyond it is corruption, not a frame. */
    private static final int MAX_RECORD = 64 << 20;

    private LogSegments() {}

    /** {@code record} as a segment holds it: its length, its CRC32, its bytes. */
    static byte[] frame(byte[] record) {
        CRC32 crc = new CRC32();
        crc.update(record);
        return ByteBuffer.allocate(HEADER + record.length)
                .putInt(record.length)
                .putInt((int) crc.getValue())
                .put(record)
                .array();
    }

    /**
     * The records of {@code segment}, in order. A frame cut short at the end of the file (a write the crash tore) ends
     * it; anything else that does not read (a checksum that fails before more data, an impossible length, a record
     * that does not decode) refuses the store's open.
     *
     * @throws MaaConfigurationException naming the file, the offset and what to do
     */
    static List<TransitionRecord> read(Path segment) {
        byte[] b;
        try {
            b = Files.readAllBytes(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the transition log " + segment + ": " + e.getMessage(), e);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        List<TransitionRecord> records = new ArrayList<>();
        int p = 0;
        while (p < b.length && !zeros(b, p)) {
            if (b.length - p < HEADER) {
                break; // a torn header
            }
            int len = buf.getInt(p);
            if (len <= 0 || len > MAX_RECORD) {
                throw corrupt(segment, p, "impossible record length " + len);
            }
            if ((long) p + HEADER + len > b.length) {
                break; // a torn record: it runs past the end
            }
            CRC32 crc = new CRC32();
            crc.update(b, p + HEADER, len);
            if ((int) crc.getValue() != buf.getInt(p + 4)) {
                if (p + HEADER + len == b.length) {
                    break; // the last record, torn within
                }
                throw corrupt(segment, p, "the record fails its checksum and more records follow");
            }
            try {
                records.add(TransitionRecord.decode(Arrays.copyOfRange(b, p + HEADER, p + HEADER + len)));
            } catch (IllegalArgumentException e) {
                throw corrupt(segment, p, e.getMessage());
            }
            p += HEADER + len;
        }
        return records;
    }

    private static boolean zeros(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static MaaConfigurationException corrupt(Path segment, int offset, String why) {
        return new MaaConfigurationException("The transition log " + segment + " of the embedded store is corrupt at "
                + "byte " + offset + " (" + why + "): the acknowledged writes it holds cannot be replayed safely, so "
                + "the store does not open. Restore the store's directory from a backup; or, to open the store without "
                + "the writes this file holds (they are lost), move it out of the directory.");
    }
}
