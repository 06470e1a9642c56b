-- Policy revisions (JdbcPolicyRevisionStore): what `maa policy push` activated after approval, one row per revision.
-- They used to be migrated by maa-opa-policies with a history of their own (maa_policy_schema_history, version 1,
-- the same table with TEXT columns and a local-time TIMESTAMP); they now share the store's history and rules.
-- A database of that release keeps its table and rows: CREATE ... IF NOT EXISTS leaves it, the ALTER gives its
-- activated_at the store's time type (read as the session's local time, as the old store wrote it), and the old
-- history table goes.
CREATE TABLE IF NOT EXISTS maa_policy_revisions (
    number         BIGINT                      NOT NULL PRIMARY KEY,
    revision       VARCHAR(64)                 NOT NULL,
    set_digest     VARCHAR(64)                 NOT NULL,
    files_json     TEXT                        NOT NULL,
    activated_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    requester      VARCHAR(255)                NOT NULL,
    approvers_json TEXT                        NOT NULL,
    request_id     VARCHAR(255)                NOT NULL,
    justification  TEXT                        NOT NULL,
    test_override  TEXT                        NOT NULL
);

ALTER TABLE maa_policy_revisions ALTER COLUMN activated_at SET DATA TYPE TIMESTAMP(3) WITH TIME ZONE;

-- Quoted: Flyway created it under its lower-case name on H2 too (where an unquoted name is upper case).
DROP TABLE IF EXISTS "maa_policy_schema_history";
