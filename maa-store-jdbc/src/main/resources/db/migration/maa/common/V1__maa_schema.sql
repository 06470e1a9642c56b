-- MAA request store and audit log. One script for H2 (2.x, regular mode) and PostgreSQL (12+):
-- only standard types and syntax. The dialect-specific part (how "one open request per object" is
-- enforced) lives in ../h2 and ../postgresql, version 1.1.
--
-- Timestamps are TIMESTAMP(3) WITH TIME ZONE: the store writes instants truncated to milliseconds,
-- which both databases keep exactly (the audit hash chain depends on it).
-- Large texts are VARCHAR(1000000): stored inline on both databases (no LOB indirection on H2),
-- so a parked payload or request body is limited to one million characters.

-- One row per approval request. Columns hold what queries filter and sort on, and what the store
-- changes without rewriting the request (status, version, claim); "body" holds the whole request as
-- JSON (Jackson, never Java serialization) without its payload, which has its own column.
CREATE TABLE maa_request (
    id               VARCHAR(128)                NOT NULL,
    resource_key     VARCHAR(512)                NOT NULL,
    resource_type    VARCHAR(160)                NOT NULL,
    object_id        VARCHAR(320)                NOT NULL,
    requester_id     VARCHAR(256)                NOT NULL,
    status           VARCHAR(16)                 NOT NULL,
    created_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    version          BIGINT                      NOT NULL,
    emergency        BOOLEAN                     NOT NULL,
    post_review_open BOOLEAN                     NOT NULL,
    claim_owner      VARCHAR(256),
    claim_expires_at TIMESTAMP(3) WITH TIME ZONE,
    digest           VARCHAR(128)                NOT NULL,
    payload          VARCHAR(1000000)            NOT NULL,
    body             VARCHAR(1000000)            NOT NULL,
    CONSTRAINT pk_maa_request PRIMARY KEY (id),
    CONSTRAINT ck_maa_request_status CHECK (status IN ('NEEDS_APPROVAL', 'APPROVED', 'COMPLETING', 'COMPLETED',
                                                      'FAILED', 'REJECTED', 'CANCELED', 'EXPIRED')),
    CONSTRAINT ck_maa_request_version CHECK (version >= 1)
);

-- "All requests", newest first.
CREATE INDEX ix_maa_request_created ON maa_request (created_at DESC, id DESC);
-- "My requests": a requester's requests, newest first.
CREATE INDEX ix_maa_request_requester ON maa_request (requester_id, created_at DESC, id DESC);
-- Status lists (pending requests, history by status), newest first.
CREATE INDEX ix_maa_request_status ON maa_request (status, created_at DESC, id DESC);
-- Expiry sweeps: open requests by expiry.
CREATE INDEX ix_maa_request_expiry ON maa_request (status, expires_at);
-- Executor claims: COMPLETING rows with no claim (claim_expires_at IS NULL) or an expired one.
CREATE INDEX ix_maa_request_claim ON maa_request (status, claim_expires_at);
-- Break-glass requests still awaiting their post-emergency review.
CREATE INDEX ix_maa_request_post_review ON maa_request (post_review_open, created_at DESC, id DESC);
-- Every request about one object (history of an object).
CREATE INDEX ix_maa_request_resource ON maa_request (resource_key, created_at DESC);

-- One row per (request, approver group named by any of its factors): the "received requests" inbox.
-- Status and created_at are copied from the request so an approver's inbox is one ordered index range
-- per (group, status) even with millions of stored requests. Factors are fixed at submission.
CREATE TABLE maa_request_approver (
    request_id     VARCHAR(128)                NOT NULL,
    approver_group VARCHAR(256)                NOT NULL,
    status         VARCHAR(16)                 NOT NULL,
    created_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_maa_request_approver PRIMARY KEY (request_id, approver_group),
    CONSTRAINT fk_maa_request_approver_request FOREIGN KEY (request_id) REFERENCES maa_request (id) ON DELETE CASCADE
);

CREATE INDEX ix_maa_approver_inbox ON maa_request_approver (approver_group, status, created_at DESC, request_id DESC);
CREATE INDEX ix_maa_approver_all ON maa_request_approver (approver_group, created_at DESC, request_id DESC);

-- The append-only, hash-chained audit log (see dev.maa.core.audit.AuditChain).
CREATE TABLE maa_audit (
    seq        BIGINT                      NOT NULL,
    at         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    request_id VARCHAR(128)                NOT NULL,
    actor      VARCHAR(256)                NOT NULL,
    type       VARCHAR(64)                 NOT NULL,
    detail     VARCHAR(1000000)            NOT NULL,
    prev_hash  CHAR(64)                    NOT NULL,
    hash       CHAR(64)                    NOT NULL,
    CONSTRAINT pk_maa_audit PRIMARY KEY (seq)
);

CREATE INDEX ix_maa_audit_request ON maa_audit (request_id, seq);

-- The chain head: one row holding the last seq and hash. Appenders lock it (SELECT ... FOR UPDATE), which
-- keeps one linear chain across threads, processes and nodes; verify() compares the log's tail with it,
-- so deleting the newest entries is detected too.
CREATE TABLE maa_audit_head (
    id        INTEGER  NOT NULL,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL,
    CONSTRAINT pk_maa_audit_head PRIMARY KEY (id),
    CONSTRAINT ck_maa_audit_head_single CHECK (id = 1)
);

INSERT INTO maa_audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Checkpoints written by retention purges: the last purged entry's seq and hash. verify() starts from the
-- newest anchor instead of the genesis hash.
CREATE TABLE maa_audit_anchor (
    seq            BIGINT                      NOT NULL,
    hash           CHAR(64)                    NOT NULL,
    anchored_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    entries_purged BIGINT                      NOT NULL,
    CONSTRAINT pk_maa_audit_anchor PRIMARY KEY (seq)
);

-- Leases for cluster-wide jobs (expiry sweep, retention purge): one node at a time.
CREATE TABLE maa_job_lock (
    job         VARCHAR(128)                NOT NULL,
    owner       VARCHAR(256)                NOT NULL,
    lease_until TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_maa_job_lock PRIMARY KEY (job)
);
