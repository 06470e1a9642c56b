-- A staged audit event carries the MAC (HMAC-SHA256 under the audit key, which lives outside the database) of the
-- node that wrote it; the sealer chains an event whose MAC does not verify as AUDIT_EVENT_REJECTED instead of as the
-- event it claims to be (dev.maa.core.audit.AuditChain). NULL only for events staged before this upgrade: the first
-- store to open afterwards seals those the legacy way and keys the chain with an AUDIT_KEYED entry.
ALTER TABLE maa_audit_pending ADD COLUMN mac CHAR(64);
