package dev.maa.api;

/**
 * Decides protected calls. The product's policy engine is Rego ({@code maa-opa-policies}: embedded
 * {@code maa-rego} or an OPA server); other implementations exist for tests.
 *
 * <p>Implementations must fail closed: when they cannot decide they throw
 * {@link PolicyUnavailableException}, never return {@link Effect#ALLOW}.
 */
public interface PolicyEngine {

    /** Decides one call; {@code data.maa.decision} in Rego terms. */
    Decision decide(PolicyInput input);

    /**
     * Whether the policy lets {@code reviewer} review {@code request} ({@code data.maa.review.allowed}),
     * e.g. because the reviewer holds the request's scope tags. The engine enforces the invariants
     * (no self-review, current approver-group membership) on its own; this can only restrict further.
     */
    default boolean mayReview(Principal reviewer, ApprovalRequest request) {
        return true;
    }

    /** Identifies the policy version; it changes whenever the policy or its data changes. */
    String revision();

    /**
     * Calls {@code listener} with the new revision each time this engine starts deciding under another one (a
     * revision activated, a watched policy directory reloaded, a new bundle an OPA server reports), so open requests
     * are revalidated at once rather than at the next job run. Returns what removes the listener. The default never
     * calls it: such engines' changes are found by the revalidation job and at completion.
     */
    default Runnable onRevisionChange(java.util.function.Consumer<String> listener) {
        return () -> {};
    }
}
