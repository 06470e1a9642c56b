package dev.maa.store.jdbc.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one logged transaction of the H2 file wrote, as {@link TransitionLog} keeps it: the after-image of each
 * request row it inserted or updated, the audit events it staged, verbatim with the MAC computed when they were
 * written (a replay never computes one), and the notifications it put into the outbox ({@link OutboxRows}), so a
 * replayed transition brings its notifications back with it.
 *
 * <p>A row is its id and its body ({@link RequestCodec}: the whole request but the payload); an inserted row also
 * carries the payload and digest, which an update never changes. Encoded as column values with {@link DataOutputStream}
 * (no Java serialization): a version byte, then length-prefixed UTF-8 strings and longs. Format 2 adds the outbox
 * rows after the staged events; a record without any is still written as format 1, which every version reads.
 */
public record TransitionRecord(List<Row> rows, List<AuditRows.Staged> staged, List<OutboxRows.Row> outbox) {

    private static final byte FORMAT = 1;
    private static final byte FORMAT_WITH_OUTBOX = 2;
    private static final byte INSERTED = 1;
    private static final byte UPDATED = 2;

    /**
     * A request row after the transaction, and its {@link RequestCodec#toBody} (computed once, for the row and the
     * log): {@code inserted} rows hold their payload, updated ones an empty one.
     */
    public record Row(boolean inserted, ApprovalRequest request, String body) {}

    public TransitionRecord {
        rows = List.copyOf(rows);
        staged = List.copyOf(staged);
        outbox = List.copyOf(outbox);
    }

    /** A record without outbox rows. */
    public TransitionRecord(List<Row> rows, List<AuditRows.Staged> staged) {
        this(rows, staged, List.of());
    }

    /** This record with {@code rows} as its outbox rows. */
    public TransitionRecord withOutbox(List<OutboxRows.Row> rows) {
        return new TransitionRecord(this.rows, staged, rows);
    }

    /** A request inserted (version 1) with its staged events. */
    public static TransitionRecord inserted(ApprovalRequest r, String body, List<AuditRows.Staged> staged) {
        return new TransitionRecord(List.of(new Row(true, r, body)), staged);
    }

    /** Requests updated to these after-images, with the events staged with them. */
    public static TransitionRecord updated(List<ApprovalRequest> after, List<AuditRows.Staged> staged) {
        List<Row> rows = new ArrayList<>(after.size());
        for (ApprovalRequest r : after) {
            rows.add(new Row(false, r, RequestCodec.toBody(r)));
        }
        return new TransitionRecord(rows, staged);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 1024 * rows.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(outbox.isEmpty() ? FORMAT : FORMAT_WITH_OUTBOX);
            out.writeInt(rows.size());
            for (Row row : rows) {
                ApprovalRequest r = row.request();
                out.writeByte(row.inserted() ? INSERTED : UPDATED);
                string(out, r.id());
                string(out, row.body());
                if (row.inserted()) {
                    string(out, r.payload());
                }
            }
            out.writeInt(staged.size());
            for (AuditRows.Staged s : staged) {
                AuditEvent e = s.event();
                out.writeLong(e.at().getEpochSecond());
                out.writeInt(e.at().getNano());
                string(out, e.requestId());
                string(out, e.actor());
                string(out, e.type());
                string(out, e.detail());
                string(out, s.mac());
            }
            if (!outbox.isEmpty()) {
                out.writeInt(outbox.size());
                for (OutboxRows.Row o : outbox) {
                    string(out, o.eventId());
                    string(out, o.requestId());
                    string(out, o.kind());
                    string(out, o.recipients());
                    string(out, o.message());
                    string(out, o.body());
                    out.writeLong(o.at().getEpochSecond());
                    out.writeInt(o.at().getNano());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The record {@link #encode} wrote.
     *
     * @throws IllegalArgumentException if {@code bytes} are not one (the caller names the file and offset)
     */
    public static TransitionRecord decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_WITH_OUTBOX) {
                throw new IllegalArgumentException(
                        "unknown record format " + format + " (written by a newer version of MAA?)");
            }
            int n = count(in);
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte kind = in.readByte();
                if (kind != INSERTED && kind != UPDATED) {
                    throw new IllegalArgumentException("unknown row kind " + kind);
                }
                String id = string(in);
                String body = string(in);
                String payload = kind == INSERTED ? string(in) : "";
                rows.add(new Row(
                        kind == INSERTED,
                        RequestCodec.fromBody(id, body).toBuilder()
                                .id(id)
                                .payload(payload)
                                .build(),
                        body));
            }
            int m = count(in);
            List<AuditRows.Staged> staged = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
                AuditEvent event = new AuditEvent(at, string(in), string(in), string(in), string(in));
                staged.add(new AuditRows.Staged(event, string(in)));
            }
            List<OutboxRows.Row> outbox = new ArrayList<>();
            int k = format == FORMAT_WITH_OUTBOX ? count(in) : 0;
            for (int i = 0; i < k; i++) {
                String eventId = string(in);
                String requestId = string(in);
                String kind = string(in);
                String recipients = string(in);
                String message = string(in);
                String body = string(in);
                Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
                outbox.add(new OutboxRows.Row(eventId, requestId, kind, recipients, message, body, at));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the record");
            }
            return new TransitionRecord(rows, staged, outbox);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a transition record: " + e.getMessage(), e);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("impossible count " + n);
        }
        return n;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("impossible string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
