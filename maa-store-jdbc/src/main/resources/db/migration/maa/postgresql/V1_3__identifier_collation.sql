-- Identifiers compare byte by byte. Ids, keys, group names and statuses are machine identifiers: their order
-- does not depend on a language, yet under the database's default collation (en_US.UTF-8, or even C.UTF-8 on
-- PostgreSQL before 17) every comparison in their indexes went through strcoll(). With COLLATE "C" a write
-- that touches ten indexes is measurably cheaper (about 10% more transitions per second on 2 cores; see
-- docs/cluster.md). Sorting by these columns is by code point, which is what a UUID or an id expects anyway.
ALTER TABLE maa_request_approver DROP CONSTRAINT fk_maa_request_approver_request;

ALTER TABLE maa_request
    ALTER COLUMN id TYPE VARCHAR(128) COLLATE "C",
    ALTER COLUMN resource_key TYPE VARCHAR(512) COLLATE "C",
    ALTER COLUMN requester_id TYPE VARCHAR(256) COLLATE "C",
    ALTER COLUMN status TYPE VARCHAR(16) COLLATE "C",
    ALTER COLUMN claim_owner TYPE VARCHAR(256) COLLATE "C";

ALTER TABLE maa_request_approver
    ALTER COLUMN request_id TYPE VARCHAR(128) COLLATE "C",
    ALTER COLUMN approver_group TYPE VARCHAR(256) COLLATE "C",
    ALTER COLUMN status TYPE VARCHAR(16) COLLATE "C";

ALTER TABLE maa_request_approver ADD CONSTRAINT fk_maa_request_approver_request
    FOREIGN KEY (request_id) REFERENCES maa_request (id) ON DELETE CASCADE;

ALTER TABLE maa_audit ALTER COLUMN request_id TYPE VARCHAR(128) COLLATE "C";
ALTER TABLE maa_audit_pending ALTER COLUMN request_id TYPE VARCHAR(128) COLLATE "C";
