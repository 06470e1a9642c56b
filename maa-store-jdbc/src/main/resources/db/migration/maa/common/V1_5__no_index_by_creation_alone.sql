-- Every status change of a request writes a new row version, and with it an entry into every index of the table
-- (the status is indexed, so PostgreSQL cannot update in place). Three indexes earned nothing for that price:
--   * ix_maa_request_resource: no query reads it (the open request of an object is found through
--     ux_maa_request_open);
--   * ix_maa_request_created and ix_maa_approver_all: lists of every status are read as one ordered range per
--     status of ix_maa_request_status and ix_maa_approver_inbox (RequestListQuery), and the retention purge reads
--     the old end of each final status's range of ix_maa_request_status.
-- A request's four writes (park, approve, claim, outcome) insert 12 index entries fewer with one approver group;
-- docs/cluster.md has the figures.
DROP INDEX ix_maa_request_resource;
DROP INDEX ix_maa_request_created;
DROP INDEX ix_maa_approver_all;
