/**
 * Passkey-signed approvals: the canonical approval statement an approver signs, approver keys trusted through
 * anchor keys named in the host's configuration, and the verification the host JVM runs before an approved call
 * runs (issue 17, {@code docs/security.md}).
 */
package dev.maa.core.signing;
