package dev.maa.server.internal;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditLog;
import dev.maa.api.AuditVerification;
import dev.maa.api.Principal;
import dev.maa.api.RequestStore;
import dev.maa.core.audit.AuditJsonLines;
import dev.maa.core.view.Visibility;
import dev.maa.store.jdbc.JdbcRequestStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/audit}: the hash-chained audit log as JSON lines, streamed oldest first, in the format of
 * {@code maa audit export} so that a reader can recompute the chain.
 */
public final class AuditRoutes {

    private static final int PAGE = 500;

    private final RequestStore store;
    private final Visibility visibility;

    public AuditRoutes(RequestStore store, Visibility visibility) {
        this.store = store;
        this.visibility = visibility;
    }

    public void register(Routes routes) {
        routes.authenticated(HandlerType.GET, "/api/v1/audit", this::export);
        routes.authenticated(HandlerType.GET, "/api/v1/audit/verify", this::verify);
    }

    /**
     * {@code GET /api/v1/audit/verify}: the store's own verification, with the audit key only the server holds; each
     * problem names its seq and the check that failed. A client holding the key can verify the export itself.
     */
    private void verify(Context ctx, Principal p) {
        if (!visibility.isReader(p)) {
            throw ApiError.forbidden("Verifying the audit log needs membership in a reader group.");
        }
        AuditVerification v = store.auditLog().verify();
        RequestRoutes.json(
                ctx, 200, Map.of("entriesChecked", v.entriesChecked(), "intact", v.intact(), "problems", v.problems()));
    }

    private void export(Context ctx, Principal p) throws IOException {
        if (!visibility.isReader(p)) {
            throw ApiError.forbidden("Reading the audit log needs membership in a reader group.");
        }
        ctx.status(200).contentType("application/x-ndjson; charset=utf-8");
        Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        if (store instanceof JdbcRequestStore jdbc) {
            jdbc.auditLog().export(out);
        } else {
            exportPaged(store.auditLog(), out);
        }
        out.flush();
    }

    private static void exportPaged(AuditLog log, Writer out) throws IOException {
        long after = 0;
        while (true) {
            List<AuditEntry> page = log.read(after, PAGE);
            for (AuditEntry e : page) {
                AuditJsonLines.write(out, e);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }
}
