-- Users and groups provisioned by SCIM 2.0 (JdbcScimStore), the directory of `directory: scim`. Ids are the
-- server's own (UUIDs); user_key and display_key hold the canonical form of userName and displayName
-- (dev.maa.api.Identities), unique, so that two spellings of one name can never be two users or two groups.
-- attributes holds the rest of the user resource as the client sent it (never a password), as JSON text.
-- Every write bumps version (the resource's ETag) and stages its audit events in the same transaction.
CREATE TABLE maa_scim_user (
    id           VARCHAR(64)                 NOT NULL PRIMARY KEY,
    user_name    VARCHAR(1024)               NOT NULL,
    user_key     VARCHAR(1024)               NOT NULL,
    external_id  VARCHAR(1024),
    active       BOOLEAN                     NOT NULL,
    version      BIGINT                      NOT NULL,
    created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    modified_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    attributes   TEXT                        NOT NULL,
    CONSTRAINT ux_maa_scim_user_key UNIQUE (user_key)
);

CREATE TABLE maa_scim_group (
    id           VARCHAR(64)                 NOT NULL PRIMARY KEY,
    display_name VARCHAR(1024)               NOT NULL,
    display_key  VARCHAR(1024)               NOT NULL,
    external_id  VARCHAR(1024),
    version      BIGINT                      NOT NULL,
    created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    modified_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT ux_maa_scim_group_key UNIQUE (display_key)
);

-- Membership: deleting a user or a group deletes its rows (the store audits what they were first).
CREATE TABLE maa_scim_member (
    group_id VARCHAR(64) NOT NULL,
    user_id  VARCHAR(64) NOT NULL,
    CONSTRAINT pk_maa_scim_member PRIMARY KEY (group_id, user_id),
    CONSTRAINT fk_maa_scim_member_group FOREIGN KEY (group_id) REFERENCES maa_scim_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_maa_scim_member_user FOREIGN KEY (user_id) REFERENCES maa_scim_user (id) ON DELETE CASCADE
);

CREATE INDEX ix_maa_scim_member_user ON maa_scim_member (user_id);
