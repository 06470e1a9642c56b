package dev.maa.cli.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.AuditVerification;
import dev.maa.api.Status;
import dev.maa.core.RequestAction;
import java.io.Writer;
import java.util.Map;
import java.util.Set;

/**
 * Where the request commands act: the local dev store ({@link LocalBackend}, identity from {@code --as}, not
 * authenticated) or a {@code maa serve} server ({@link RemoteBackend}, identity from a bearer token). Both
 * speak the REST API's JSON shapes, so {@code --json} output is the same whichever is used.
 */
public interface Backend extends AutoCloseable {

    /** A page of request summaries: {@code view} is {@code mine}, {@code received} or {@code all}. */
    JsonNode list(String view, Set<Status> statuses, int offset, int limit);

    /** One request in detail: parked call, factors, reviews, history. */
    JsonNode show(String id);

    /** Performs {@code action} with its fields ({@link RequestAction#fields()}); returns the request afterwards. */
    JsonNode act(String id, RequestAction action, Map<String, String> body);

    /** Writes the audit trail as JSON lines; returns the number of entries. */
    long exportAudit(Writer out);

    /** Checks the audit hash chain (remotely: recomputed here from the exported entries). */
    AuditVerification verifyAudit();

    /** Says where commands act, for the user ("dev mode as alice", "https://maa.example as token"). */
    String describe();

    @Override
    void close();
}
