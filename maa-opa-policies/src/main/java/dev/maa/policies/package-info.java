/**
 * Access policies as Rego: the policy data model ({@link dev.maa.policies.AccessPolicies}), policy sets and
 * revisions, the two {@link dev.maa.api.PolicyEngine} adapters ({@link dev.maa.policies.EmbeddedRegoPolicyEngine},
 * {@link dev.maa.policies.OpaServerPolicyEngine}), OPA bundles, and policy changes under approval
 * ({@link dev.maa.policies.PolicyService}). The built-in Rego package {@code maa} ships as resources under
 * {@code dev/maa/policies/rego}.
 */
package dev.maa.policies;
