-- The next reminder or escalation of each request that waits for approval and has one to fire (issue 21): the
-- reminder job reads the index range of what is due instead of walking every open request each interval
-- (DueRows). A separate table, so that maa_request gains no column and no index (each costs every request write);
-- only requests under a policy with remind_after or escalate_after have a row, written in the transaction of the
-- transition that sets it (park, a reminder or escalation fired, a status change) and deleted when the request
-- stops waiting for approval.
CREATE TABLE maa_request_due (
    request_id VARCHAR(128)                NOT NULL,
    kind       VARCHAR(32)                 NOT NULL,
    due_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_maa_request_due PRIMARY KEY (request_id, kind)
);

CREATE INDEX ix_maa_request_due ON maa_request_due (kind, due_at);
