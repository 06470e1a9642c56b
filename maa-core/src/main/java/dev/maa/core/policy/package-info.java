/**
 * A rule-based policy engine configured in Java, for tests and code-only hosts. The product's policy engine
 * is Rego (maa-opa-policies).
 */
package dev.maa.core.policy;
