package dev.maa.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The call was parked as an approval request and did not run. It runs once the request is approved and
 * completed. The caller should show the request id to the user.
 */
public class ApprovalRequiredException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final String requestId;
    private final List<Factor> factors;
    private final Instant expiresAt;

    public ApprovalRequiredException(String requestId, List<Factor> factors, Instant expiresAt) {
        super(Kind.APPROVAL_REQUIRED, message(requestId, factors, expiresAt));
        this.requestId = requestId;
        this.factors = List.copyOf(factors);
        this.expiresAt = expiresAt;
    }

    private static String message(String requestId, List<Factor> factors, Instant expiresAt) {
        StringBuilder who = new StringBuilder();
        for (Factor f : factors) {
            if (who.length() > 0) {
                who.append(" and ");
            }
            who.append(f.requiredApprovals()).append(" of ").append(new TreeSet<>(f.approverGroups()));
        }
        return "Approval required: request " + requestId + " needs approval by " + who + " before " + expiresAt
                + "; once approved, the requester completes it and the call runs once.";
    }

    @Override
    public String requestId() {
        return requestId;
    }

    public List<Factor> factors() {
        return factors;
    }

    /** All approver groups of all factors. */
    public Set<String> approverGroups() {
        Set<String> all = new TreeSet<>();
        factors.forEach(f -> all.addAll(f.approverGroups()));
        return all;
    }

    /** The total number of approvals needed (the sum over factors). */
    public int requiredApprovals() {
        return factors.stream().mapToInt(Factor::requiredApprovals).sum();
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
