-- At most one open request per object: a unique partial index over the open statuses.
CREATE UNIQUE INDEX ux_maa_request_open ON maa_request (resource_key)
    WHERE status IN ('NEEDS_APPROVAL', 'APPROVED', 'COMPLETING');
