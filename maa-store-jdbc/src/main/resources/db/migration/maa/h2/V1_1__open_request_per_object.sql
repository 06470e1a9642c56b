-- H2 has no partial indexes. Equivalent: a generated column that holds resource_key while the request is
-- open and NULL once it is final, with a unique index (NULLs never collide). The database derives it from
-- status, so no writer, not even raw SQL, can bypass the rule.
ALTER TABLE maa_request ADD COLUMN open_key VARCHAR(512)
    GENERATED ALWAYS AS (CASE WHEN status IN ('NEEDS_APPROVAL', 'APPROVED', 'COMPLETING') THEN resource_key END);

CREATE UNIQUE INDEX ux_maa_request_open ON maa_request (open_key);
