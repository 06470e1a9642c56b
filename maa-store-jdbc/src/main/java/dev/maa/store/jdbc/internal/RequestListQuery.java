package dev.maa.store.jdbc.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Translates a {@link RequestQuery} to SQL, newest first ({@code created_at DESC, id DESC}), paged.
 *
 * <p>"Received requests" (approver groups) is the query that must stay fast with millions of rows. It is
 * answered from {@code maa_request_approver} as a union of one branch per (group, status): each branch is
 * one ordered range of {@code ix_maa_approver_inbox} cut at {@code offset + limit} rows, so the cost depends
 * on the page, not on the table. The global first {@code offset + limit} requests are always among the
 * branches' first {@code offset + limit} rows, which makes the cut exact.
 */
public final class RequestListQuery {

    /** Above this many (group, status) branches a single EXISTS query is cheaper to plan and run. */
    private static final int MAX_BRANCHES = 64;

    private final StringBuilder sql = new StringBuilder(256);
    private final List<Object> params = new ArrayList<>();

    private RequestListQuery() {
    }

    public static List<ApprovalRequest> run(Connection c, RequestQuery q) throws SQLException {
        RequestListQuery built = build(q);
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

    static RequestListQuery build(RequestQuery q) {
        RequestListQuery b = new RequestListQuery();
        List<String> groups = List.copyOf(new TreeSet<>(q.approverGroups()));
        List<Status> statuses = List.copyOf(new TreeSet<>(q.statuses()));
        int branches = groups.size() * Math.max(1, statuses.size());
        if (groups.isEmpty()) {
            b.sql.append("SELECT ").append(RequestRows.COLUMNS).append(" FROM maa_request r WHERE 1 = 1");
            b.requestFilters(q, true);
        } else if (branches > MAX_BRANCHES) {
            b.sql.append("SELECT ").append(RequestRows.COLUMNS).append(" FROM maa_request r WHERE EXISTS (SELECT 1 FROM ")
                    .append("maa_request_approver a WHERE a.request_id = r.id AND a.approver_group IN (");
            b.placeholders(groups);
            b.sql.append("))");
            b.requestFilters(q, true);
        } else {
            b.inbox(q, groups, statuses);
        }
        // the page is literal (two checked ints): PostgreSQL runs generic plans, which would otherwise assume a
        // tenth of the table is wanted and could prefer sorting it all to walking an index
        b.sql.append(" ORDER BY r.created_at DESC, r.id DESC OFFSET ").append(q.offset())
                .append(" ROWS FETCH FIRST ").append(q.limit()).append(" ROWS ONLY");
        return b;
    }

    private void inbox(RequestQuery q, List<String> groups, List<Status> statuses) {
        long cut = (long) q.offset() + q.limit();
        boolean joinRequest = needsRequestFilters(q);
        sql.append("SELECT ").append(RequestRows.COLUMNS).append(" FROM maa_request r JOIN (SELECT u.request_id FROM (");
        String separator = "";
        for (String group : groups) {
            for (int s = 0; s < Math.max(1, statuses.size()); s++) {
                sql.append(separator).append("(SELECT a.request_id FROM maa_request_approver a");
                if (joinRequest) {
                    sql.append(" JOIN maa_request r ON r.id = a.request_id");
                }
                sql.append(" WHERE a.approver_group = ?");
                params.add(group);
                if (!statuses.isEmpty()) {
                    sql.append(" AND a.status = ?");
                    params.add(statuses.get(s).name());
                }
                if (joinRequest) {
                    requestFilters(q, false);
                }
                // the cut is a literal: H2 caches a derived table's FETCH parameter with the statement
                sql.append(" ORDER BY a.created_at DESC, a.request_id DESC FETCH FIRST ").append(cut).append(" ROWS ONLY)");
                separator = " UNION ALL ";
            }
        }
        sql.append(") u GROUP BY u.request_id) m ON r.id = m.request_id");
    }

    private static boolean needsRequestFilters(RequestQuery q) {
        return q.requesterId() != null || q.expiringBefore() != null || q.postReviewOpen();
    }

    /** Filters on {@code maa_request r}; statuses too unless the inbox branches already apply them. */
    private void requestFilters(RequestQuery q, boolean withStatuses) {
        if (q.requesterId() != null) {
            sql.append(" AND r.requester_id = ?");
            params.add(q.requesterId());
        }
        if (withStatuses && !q.statuses().isEmpty()) {
            sql.append(" AND r.status IN (");
            placeholders(q.statuses().stream().map(Status::name).sorted().toList());
            sql.append(')');
        }
        if (q.expiringBefore() != null) {
            sql.append(" AND r.status IN ").append(RequestRows.OPEN_STATUSES).append(" AND r.expires_at < ?");
            params.add(q.expiringBefore());
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
