/**
 * Implementation details of {@code maa-opa-policies}: validation, module composition, compilation, decision
 * mapping, the tar writer. Not a stable API; may change in any release.
 */
package dev.maa.policies.internal;
