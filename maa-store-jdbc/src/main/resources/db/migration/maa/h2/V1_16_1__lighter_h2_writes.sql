-- Cheaper writes to maa_request on the H2 file. H2 takes every row an UPDATE changes out of every index of its table
-- and puts it back (org.h2.table.Table#updateRows), whether or not the indexed columns changed, so each index costs
-- every transition of every request; on the park -> approve -> complete cycle the indexes of maa_request were the
-- largest single share of the work (docs/cluster.md, "The embedded H2 store"). Two of them earn nothing on a store
-- that serves one process:
--   * ix_maa_request_claim: executor claims read the few COMPLETING requests, one range of ix_maa_request_status
--     (Claims), as on PostgreSQL since V1_4;
--   * ix_maa_request_expiry: the expiry sweep reads the open requests, three ranges of ix_maa_request_status, and
--     compares their expiry (RequestListQuery); open requests are the few that wait for a reviewer, not the history.
DROP INDEX ix_maa_request_claim;
DROP INDEX ix_maa_request_expiry;
