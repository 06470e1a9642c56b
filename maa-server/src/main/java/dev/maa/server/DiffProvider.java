package dev.maa.server;

import dev.maa.api.ApprovalRequest;

import java.util.Optional;

/**
 * SPI: supplies the before/after {@link Diff} of requests on one resource type, so approvers see what the parked
 * call would change. Hosts pass providers to {@link ServerConfig.Builder#diffProvider(DiffProvider)}.
 *
 * <p>Providers read the request's parked payload (canonical JSON: {@code args[i].name/type/value}) and the current
 * state of the object; they must not modify anything and should be fast (they run on every request page view). A
 * provider that throws is ignored for that view (logged), never failing the page.
 */
public interface DiffProvider {

    /** The resource type this provider knows, as policies spell it: {@code APP}, {@code CUSTOM:billing}. */
    String resourceType();

    /** The diff of {@code request}, or empty when there is nothing meaningful to compare. */
    Optional<Diff> diff(ApprovalRequest request);
}
