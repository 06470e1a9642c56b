package dev.maa.core.view;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.core.ApprovalService;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request lists a principal may read ({@code view=mine|received|all|post-review}, optionally by status), read
 * with {@link Visibility}'s rule and sent as {@link RequestJson#page}. One place for {@code maa serve}'s
 * {@code GET /api/v1/requests} and the Spring Boot starter's in-app API, so both list the same requests to the same
 * person and refuse the same way.
 */
public final class RequestLists {

    /** The lists, as their {@code view} parameter names them. */
    public static final List<String> VIEWS = List.of("mine", "received", "all", "post-review");

    private RequestLists() {}

    /**
     * The {@code view} parameter: empty means {@code all}.
     *
     * @throws IllegalArgumentException naming the views, for any other value
     */
    public static String view(String value) {
        if (value == null || value.isEmpty()) {
            return "all";
        }
        if (!VIEWS.contains(value)) {
            throw new IllegalArgumentException("view must be one of " + String.join(", ", VIEWS) + ".");
        }
        return value;
    }

    /**
     * The {@code status} parameter: a comma-separated list of {@link Status} names (any case, {@code -} for
     * {@code _}); empty means every status.
     *
     * @throws IllegalArgumentException naming the statuses, for an unknown or overlong value
     */
    public static Set<Status> statuses(String value) {
        if (value == null || value.isEmpty()) {
            return Set.of();
        }
        if (value.length() > 200) {
            throw new IllegalArgumentException("status is too long.");
        }
        Set<Status> out = EnumSet.noneOf(Status.class);
        for (String part : value.split(",", -1)) {
            String name = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                out.add(Status.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status is a comma-separated list of " + EnumSet.allOf(Status.class)
                        + "; got an unknown value.");
            }
        }
        return out;
    }

    /**
     * One page of {@code view} for {@code p}: up to {@code limit} summaries from {@code offset}, and whether there
     * are more.
     *
     * @throws AccessDeniedException for {@code view=all} when {@code p} is in no reader group
     */
    public static Map<String, Object> page(
            ApprovalService approvals,
            Visibility visibility,
            Principal p,
            String view,
            Set<Status> statuses,
            int offset,
            int limit) {
        RequestQuery q = new RequestQuery(null, Set.of(), statuses, null, false, offset, limit + 1);
        List<ApprovalRequest> found = switch (view(view)) {
            case "mine" -> approvals.list(q.mine(p.id()));
            case "received" -> {
                Set<String> groups = visibility.groups(p);
                yield groups.isEmpty() ? List.of() : approvals.list(q.receivedBy(p.id(), groups));
            }
            case "post-review" ->
                // paged after the visibility filter, over the (short) queue of open post-emergency reviews
                approvals
                        .list(RequestQuery.all()
                                .onlyPostReviewOpen()
                                .withStatuses(statuses)
                                .page(0, RequestQuery.MAX_LIMIT))
                        .stream()
                        .filter(r -> visibility.canSee(p, r))
                        .skip(offset)
                        .limit(limit + 1L)
                        .toList();
            default -> {
                if (!visibility.isReader(p)) {
                    throw new AccessDeniedException(
                            "Listing all requests needs membership in a reader group; use view=mine or"
                                    + " view=received.",
                            List.of("not in a reader group"));
                }
                yield approvals.list(q);
            }
        };
        return RequestJson.page(view(view), offset, limit, found);
    }
}
