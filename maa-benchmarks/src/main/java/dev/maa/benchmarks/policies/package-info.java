/** Decision latency through {@code dev.maa.api.PolicyEngine}: embedded Rego, the decision cache, a rule baseline. */
package dev.maa.benchmarks.policies;
