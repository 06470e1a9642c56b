-- Issue 21: VOIDED, the terminal status of a request whose policy changed under it (its factors, stages or approver
-- groups, or the call is now denied). The domain's check gains it; its name is unchanged.
ALTER DOMAIN maa_request_status DROP CONSTRAINT ck_maa_request_status;
ALTER DOMAIN maa_request_status
    ADD CONSTRAINT ck_maa_request_status CHECK (VALUE IN ('NEEDS_APPROVAL', 'APPROVED', 'COMPLETING', 'COMPLETED',
                                                         'FAILED', 'REJECTED', 'CANCELED', 'EXPIRED', 'VOIDED'));
