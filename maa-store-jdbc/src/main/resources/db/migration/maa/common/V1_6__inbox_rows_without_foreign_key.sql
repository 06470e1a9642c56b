-- Inbox rows are written only by the store, in the statement or transaction that writes their request, and are
-- deleted with it by the retention purge (Retention.purgeRequests). The foreign key guarded nothing the store can
-- get wrong, and cost every park a lookup of the request row that also locked it (FOR KEY SHARE: one more WAL
-- record, and the request's next update must step over the lock). An inbox row whose request is gone (deleted by
-- hand) is invisible: every list joins the requests.
ALTER TABLE maa_request_approver DROP CONSTRAINT fk_maa_request_approver_request;
