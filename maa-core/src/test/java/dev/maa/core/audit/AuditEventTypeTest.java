package dev.maa.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuditEventTypeTest {

    /** Chains store these strings under their keyed hashes: a rename would make old entries unknown types. */
    @Test
    void storedNames_areExactlyTheStringsChainsHold() {
        assertThat(Arrays.stream(AuditEventType.values()).map(Enum::name))
                .containsExactly(
                        "SUBMITTED",
                        "APPROVAL_RECORDED",
                        "APPROVED",
                        "REJECTED",
                        "CANCELED",
                        "EXPIRED",
                        "COMPLETING",
                        "CLAIMED",
                        "RELEASED",
                        "COMPLETED",
                        "FAILED",
                        "PAYLOAD_INTEGRITY_FAILED",
                        "INTEGRITY_FAILED",
                        "POST_REVIEW_CLOSED",
                        "EMERGENCY_STARTED",
                        "EMERGENCY_EXECUTED",
                        "CALL_DENIED",
                        "AUDIT_KEYED",
                        "AUDIT_EVENT_REJECTED",
                        "DIRECTORY_USER_ADDED",
                        "DIRECTORY_USER_RENAMED",
                        "DIRECTORY_USER_DEACTIVATED",
                        "DIRECTORY_USER_REACTIVATED",
                        "DIRECTORY_USER_REMOVED",
                        "DIRECTORY_GROUP_ADDED",
                        "DIRECTORY_GROUP_RENAMED",
                        "DIRECTORY_GROUP_REMOVED",
                        "DIRECTORY_MEMBER_ADDED",
                        "DIRECTORY_MEMBER_REMOVED",
                        "SIGNATURES_REFUSED",
                        "APPROVAL_WITHDRAWN",
                        "REMINDED",
                        "ESCALATED",
                        "POLICY_REVALIDATED",
                        "VOIDED",
                        "IMPACT_COMPUTED");
    }

    @Test
    void find_ofATypeThisVersionDoesNotKnow_isEmpty_andAnEventStillHoldsIt() {
        AuditEvent future = new AuditEvent(Instant.EPOCH, "r1", "system", "SOMETHING_NEWER", "");

        assertThat(AuditEventType.find(future.type())).isEmpty();
        assertThat(AuditEventType.find("APPROVED")).contains(AuditEventType.APPROVED);
        assertThat(new AuditEvent(Instant.EPOCH, "r1", "bob", AuditEventType.APPROVED, "").type())
                .isEqualTo("APPROVED");
        assertThat(future.is(AuditEventType.SUBMITTED)).isFalse();
    }
}
