package dev.maa.store.jdbc.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Identities;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Translates a {@link RequestQuery} to SQL, newest first ({@code created_at DESC, id DESC}), paged.
 *
 * <p>The lists that must stay fast with millions of rows (an approver's received requests; all requests, or those
 * in some statuses) are answered as a union of ordered index ranges, one branch per status (and per approver
 * group): each branch is one range of {@code ix_maa_approver_inbox} (group, status) or {@code ix_maa_request_status}
 * (status), read newest first and cut at {@code offset + limit} rows, so the cost depends on the page, not on the
 * table. The global first {@code offset + limit} rows are always among the branches' first {@code offset + limit},
 * which makes the cut exact. A list of every status is the union of all eight: the store keeps no index ordered by
 * creation time alone, since every status change would write an entry into it (migration 1.5, docs/cluster.md).
 *
 * <p>Ids and groups compare in canonical form ({@link Identities#key}) without giving up those ranges: the rows keep
 * the spellings they were written with (policies name groups as their authors wrote them), so a query's groups are
 * first mapped to every stored spelling with the same key, read from the inbox index one distinct group at a time
 * (a loose index scan, a few probes per group name rather than a scan of the rows). Requester ids are stored in
 * canonical form (the engine canonicalizes them at submit), so a query's id is compared as given and canonical.
 */
public final class RequestListQuery {

    /**
     * Above this many (group, status) branches (more than eight approver groups with every status), a list of
     * received requests is merged from the status ranges of the requests instead, each keeping those sent to any of
     * the groups: as fast while the groups are sent a fair share of all requests, and cheaper to plan.
     */
    private static final int MAX_BRANCHES = 64;

    private final StringBuilder sql = new StringBuilder(256);
    private final List<Object> params = new ArrayList<>();

    private RequestListQuery() {}

    /** The distinct stored group names, ascending: one index probe per name (recursive CTE, H2 and PostgreSQL). */
    private static final String STORED_GROUPS = "WITH RECURSIVE g(name) AS ("
            + "SELECT MIN(approver_group) FROM maa_request_approver UNION ALL "
            + "SELECT (SELECT MIN(a.approver_group) FROM maa_request_approver a WHERE a.approver_group > g.name) "
            + "FROM g WHERE g.name IS NOT NULL) SELECT name FROM g WHERE name IS NOT NULL";

    public static List<ApprovalRequest> run(Connection c, RequestQuery q) throws SQLException {
        RequestListQuery built = build(q.approverGroups().isEmpty() ? q : q.received(storedSpellings(c, q)));
        try (PreparedStatement ps = c.prepareStatement(built.sql.toString())) {
            for (int i = 0; i < built.params.size(); i++) {
                Object p = built.params.get(i);
                if (p instanceof Instant at) {
                    Times.set(ps, i + 1, at);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            return RequestRows.list(ps);
        }
    }

    /**
     * The query's groups and every stored spelling of them ({@link Identities#key} equal): what the inbox branches
     * look up, so "App Approvers" in a policy is found for a directory's "app approvers".
     */
    private static Set<String> storedSpellings(Connection c, RequestQuery q) throws SQLException {
        Set<String> keys = Identities.keys(q.approverGroups());
        Set<String> out = new TreeSet<>(q.approverGroups());
        try (PreparedStatement ps = c.prepareStatement(STORED_GROUPS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String stored = rs.getString(1);
                if (keys.contains(Identities.key(stored))) {
                    out.add(stored);
                }
            }
        }
        return out;
    }

    static RequestListQuery build(RequestQuery q) {
        RequestListQuery b = new RequestListQuery();
        List<String> groups = List.copyOf(new TreeSet<>(q.approverGroups()));
        List<Status> statuses =
                List.copyOf(q.statuses().isEmpty() ? EnumSet.allOf(Status.class) : EnumSet.copyOf(q.statuses()));
        if (groups.isEmpty() && needsRequestFilters(q)) {
            // each of these filters has its own index (requester, expiry, open post-reviews)
            b.sql.append("SELECT ").append(RequestRows.COLUMNS).append(" FROM maa_request r WHERE 1 = 1");
            b.requestFilters(q, true);
            b.sql.append(" ORDER BY r.created_at DESC, r.id DESC");
            b.page(q);
        } else if (groups.isEmpty() || groups.size() * statuses.size() > MAX_BRANCHES) {
            b.merged(q, List.of(), statuses, groups);
        } else {
            b.merged(q, groups, statuses, List.of());
        }
        return b;
    }

    /**
     * The page, as literals (two checked ints): PostgreSQL runs generic plans, which would otherwise assume a tenth
     * of the table is wanted and could prefer sorting it all to walking an index.
     */
    private void page(RequestQuery q) {
        sql.append(" OFFSET ")
                .append(q.offset())
                .append(" ROWS FETCH FIRST ")
                .append(q.limit())
                .append(" ROWS ONLY");
    }

    /**
     * One ordered index range per status, and per group of {@code inboxGroups} if any, each cut at
     * {@code offset + limit}, then merged and paged on the index's own columns, so only the page's rows are read
     * from {@code maa_request} (an inbox row's {@code created_at} is its request's). A request sent to several of
     * the inbox groups appears in several branches, hence the GROUP BY; ranges of the requests themselves cannot
     * overlap.
     */
    private void merged(RequestQuery q, List<String> inboxGroups, List<Status> statuses, List<String> anyOfGroups) {
        long cut = (long) q.offset() + q.limit();
        boolean inbox = !inboxGroups.isEmpty();
        sql.append("SELECT ")
                .append(RequestRows.COLUMNS)
                .append(" FROM maa_request r JOIN (SELECT u.request_id, u.created_at FROM (");
        String separator = "";
        for (String group : inbox ? inboxGroups : List.of("")) { // not an inbox: one pass over the statuses
            for (Status status : statuses) {
                sql.append(separator);
                if (inbox) {
                    inboxBranch(q, group, status);
                } else {
                    requestBranch(q, status, anyOfGroups);
                }
                // the cut is a literal: H2 caches a derived table's FETCH parameter with the statement
                sql.append(" FETCH FIRST ").append(cut).append(" ROWS ONLY)");
                separator = " UNION ALL ";
            }
        }
        sql.append(") u")
                .append(inbox ? " GROUP BY u.request_id, u.created_at" : "")
                .append(" ORDER BY u.created_at DESC, u.request_id DESC");
        page(q);
        sql.append(") m ON r.id = m.request_id ORDER BY r.created_at DESC, r.id DESC");
    }

    /** One (group, status) range of {@code ix_maa_approver_inbox}; joined to its requests only to filter on them. */
    private void inboxBranch(RequestQuery q, String group, Status status) {
        boolean joinRequest = needsRequestFilters(q);
        sql.append("(SELECT a.request_id, a.created_at FROM maa_request_approver a");
        if (joinRequest) {
            sql.append(" JOIN maa_request r ON r.id = a.request_id");
        }
        sql.append(" WHERE a.approver_group = ? AND a.status = ?");
        params.add(group);
        params.add(status.name());
        if (joinRequest) {
            requestFilters(q, false);
        }
        sql.append(" ORDER BY a.created_at DESC, a.request_id DESC");
    }

    /**
     * One status range of {@code ix_maa_request_status}; with {@code anyOfGroups} (too many for inbox branches),
     * only requests sent to one of them, probed on the inbox's primary key row by row.
     */
    private void requestBranch(RequestQuery q, Status status, List<String> anyOfGroups) {
        sql.append("(SELECT r.id AS request_id, r.created_at FROM maa_request r WHERE r.status = ?");
        params.add(status.name());
        if (!anyOfGroups.isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM maa_request_approver a WHERE a.request_id = r.id ")
                    .append("AND a.approver_group IN (");
            placeholders(anyOfGroups);
            sql.append("))");
        }
        requestFilters(q, false);
        sql.append(" ORDER BY r.created_at DESC, r.id DESC");
    }

    private static boolean needsRequestFilters(RequestQuery q) {
        return q.requesterId() != null
                || q.excludedRequesterId() != null
                || q.expiringBefore() != null
                || q.postReviewOpen();
    }

    /** An id as given and in canonical form: stored ids are canonical, and one written before may be as given. */
    private static List<String> spellings(String id) {
        Set<String> both = new LinkedHashSet<>();
        both.add(id);
        both.add(Identities.key(id));
        return List.copyOf(both);
    }

    /** Filters on {@code maa_request r}; statuses too unless the inbox branches already apply them. */
    private void requestFilters(RequestQuery q, boolean withStatuses) {
        if (q.requesterId() != null) {
            sql.append(" AND r.requester_id IN (");
            placeholders(spellings(q.requesterId()));
            sql.append(')');
        }
        if (q.excludedRequesterId() != null) {
            sql.append(" AND r.requester_id NOT IN (");
            placeholders(spellings(q.excludedRequesterId()));
            sql.append(')');
        }
        if (withStatuses && !q.statuses().isEmpty()) {
            sql.append(" AND r.status IN (");
            placeholders(q.statuses().stream().map(Status::name).sorted().toList());
            sql.append(')');
        }
        if (q.expiringBefore() != null) {
            sql.append(" AND r.status IN ").append(RequestRows.OPEN_STATUSES).append(" AND r.expires_at < ?");
            // stored times are whole milliseconds (Times.normalize): round the bound up, or a request due exactly
            // now (the sweep asks for "before now + 1 ns") would wait for the next millisecond's sweep
            Instant bound = q.expiringBefore();
            Instant floor = Times.normalize(bound);
            params.add(floor.equals(bound) ? bound : floor.plusMillis(1));
        }
        if (q.postReviewOpen()) {
            sql.append(" AND r.post_review_open = TRUE");
        }
    }

    private void placeholders(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            params.add(values.get(i));
        }
    }

    /** The statement, with {@code ?} for each parameter. */
    String sql() {
        return sql.toString();
    }

    @Override
    public String toString() {
        return sql + " " + params;
    }
}
