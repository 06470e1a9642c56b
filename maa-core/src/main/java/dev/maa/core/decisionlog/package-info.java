/**
 * Decision logs in OPA's decision-log format: every protected call's decision (sampled allows, every other outcome,
 * the audit-mode "would" outcomes) as an event with {@code decision_id}, {@code path}, {@code input}, {@code result},
 * {@code bundles} (revision), {@code timestamp} and {@code labels}, masked before it leaves the process, written by
 * background work to a JSON-lines file with size rotation and/or an HTTP collector speaking OPA's upload protocol.
 *
 * <p>Why: rolling out approval needs a record of what the policy decided (and would have decided) that tools built
 * for OPA can read, and that never slows or blocks the protected call: the caller's thread only offers an event to a
 * bounded buffer, and a full buffer drops the newest event, counted and logged (docs/rollout.md).
 */
package dev.maa.core.decisionlog;
