-- Issue 21: VOIDED, the terminal status of a request whose policy changed under it (its factors, stages or approver
-- groups, or the call is now denied). The table's check gains it; its name is unchanged.
ALTER TABLE maa_request DROP CONSTRAINT ck_maa_request_status;
ALTER TABLE maa_request
    ADD CONSTRAINT ck_maa_request_status CHECK (status IN ('NEEDS_APPROVAL', 'APPROVED', 'COMPLETING', 'COMPLETED',
                                                          'FAILED', 'REJECTED', 'CANCELED', 'EXPIRED', 'VOIDED'));
