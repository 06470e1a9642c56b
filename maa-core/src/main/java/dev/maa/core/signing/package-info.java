/**
 * Passkey-signed approvals: the canonical approval statement an approver signs, approver keys trusted through
 * anchor keys named in the host's configuration or through the signed approvals of other trusted keys
 * ({@link dev.maa.core.signing.KeyEnrollment}), and the verification the host JVM runs before an approved call runs,
 * including the comparison of each key's signature counters across its signed statements
 * ({@link dev.maa.core.signing.SignatureCounters}) (issue 17, {@code docs/security.md}).
 */
package dev.maa.core.signing;
