package dev.maa.api;

/**
 * A stored audit event with its place in the hash chain: {@code hash = SHA-256(prevHash + canonical(event, seq))}.
 *
 * @param seq      position in the log, from 1, without gaps
 * @param event    what happened
 * @param prevHash hash of the previous entry (64 zeros for the first)
 * @param hash     this entry's hash, hex
 */
public record AuditEntry(long seq, AuditEvent event, String prevHash, String hash) {
}
