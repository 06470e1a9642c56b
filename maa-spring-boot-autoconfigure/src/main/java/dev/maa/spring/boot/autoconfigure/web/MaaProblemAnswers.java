package dev.maa.spring.boot.autoconfigure.web;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.JustificationRequiredException;
import dev.maa.api.MaaException;
import dev.maa.core.ErrorStatus;
import java.net.URI;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What an HTTP client sees when a controller's call to a protected bean did not run, as RFC 9457
 * {@code application/problem+json} in the shape {@code maa serve} answers ({@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, {@code kind}):
 * <ul>
 *   <li>parked: {@code 202 Accepted}, {@code Location} of the request, its id, approver groups, required approvals,
 *       expiry and how to follow it;</li>
 *   <li>denied: {@code 403} with the policy's reasons;</li>
 *   <li>a justification is required: {@code 400} naming the {@value MaaRequestHeaders#JUSTIFICATION} header.</li>
 * </ul>
 * Ordered first, so an application's catch-all handler does not turn a parked call into a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MaaProblemAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(MaaProblemAnswers.class);
    private static final String TYPE_BASE = "https://maa.dev/problems/";

    private final RequestLinks links;

    public MaaProblemAnswers(RequestLinks links) {
        this.links = links;
    }

    @ExceptionHandler(ApprovalRequiredException.class)
    public ResponseEntity<ProblemDetail> approvalRequired(ApprovalRequiredException e) {
        String location = links.request(e.requestId());
        ProblemDetail p = problem(HttpStatus.ACCEPTED, e, "Wait for approval: the call was parked as a request");
        p.setProperty("requestId", e.requestId());
        p.setProperty("approverGroups", new TreeSet<>(e.approverGroups()));
        p.setProperty("requiredApprovals", e.requiredApprovals());
        p.setProperty("expiresAt", e.expiresAt().toString());
        p.setProperty("location", location);
        p.setProperty(
                "next",
                "Follow it with GET " + location + ". A member of " + new TreeSet<>(e.approverGroups())
                        + " (not you) approves it with POST " + location + "/approve; then complete it with POST "
                        + location + "/complete, and the call runs once.");
        return ResponseEntity.accepted()
                .location(URI.create(location))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        ProblemDetail p =
                problem(HttpStatus.FORBIDDEN, e, "Ask someone allowed to do this: the policy denied the call");
        p.setProperty("reasons", e.reasons());
        return answer(p);
    }

    @ExceptionHandler(JustificationRequiredException.class)
    public ResponseEntity<ProblemDetail> justificationRequired(JustificationRequiredException e) {
        ProblemDetail p = problem(
                HttpStatus.BAD_REQUEST,
                e,
                "Say why: send the header " + MaaRequestHeaders.JUSTIFICATION + " (e.g. a ticket id) and retry");
        p.setProperty("header", MaaRequestHeaders.JUSTIFICATION);
        return answer(p);
    }

    /**
     * Every other MAA error, by its kind (the in-app API's refusals, a store that is down). Messages of the caller's
     * errors are for users and sent as they are; the others may name paths or settings, so they are logged under an
     * incident id instead, as {@code maa serve} does.
     */
    @ExceptionHandler(MaaException.class)
    public ResponseEntity<ProblemDetail> other(MaaException e) {
        HttpStatus status = status(e.kind());
        if (e.responsible() == MaaException.Responsible.CALLER) {
            return answer(problem(status, e, "Fix the request, or ask someone allowed to do this"));
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("MAA incident {}: {}", incident, e.toString(), e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                status, "Nothing was changed or executed (fail closed). Incident " + incident + ".");
        p.setType(URI.create(TYPE_BASE + e.kind().name().toLowerCase(Locale.ROOT)));
        p.setTitle("Retry later or ask the operator: MAA could not decide or record the call");
        p.setProperty("kind", e.kind().name());
        return answer(p);
    }

    /** The status of each kind: {@link ErrorStatus}, as {@code maa serve} answers it (a parked call reaching here: 409). */
    static HttpStatus status(MaaException.Kind kind) {
        return HttpStatus.valueOf(ErrorStatus.of(kind));
    }

    private static ProblemDetail problem(HttpStatus status, MaaException e, String title) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setType(URI.create(TYPE_BASE + type(e)));
        p.setTitle(title);
        p.setProperty("kind", e.kind().name());
        if (e.requestId() != null) {
            p.setProperty("requestId", e.requestId()); // as maa serve's problems: clients add their next step
        }
        return p;
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    /** The problem type of a caller's error: its exception's name, e.g. {@code approval-required}. */
    private static String type(MaaException e) {
        String name = e.getClass().getSimpleName().replaceFirst("Exception$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
