-- The policy revisions schema as maa-opa-policies migrated it before 1.8.1 (history maa_policy_schema_history): upgrade tests only.
CREATE TABLE maa_policy_revisions (
    number         BIGINT        NOT NULL PRIMARY KEY,
    revision       VARCHAR(64)   NOT NULL,
    set_digest     VARCHAR(64)   NOT NULL,
    files_json     TEXT          NOT NULL,
    activated_at   TIMESTAMP     NOT NULL,
    requester      VARCHAR(255)  NOT NULL,
    approvers_json TEXT          NOT NULL,
    request_id     VARCHAR(255)  NOT NULL,
    justification  TEXT          NOT NULL,
    test_override  TEXT          NOT NULL
);
