package dev.maa.api;

/**
 * A stored audit event with its place in the keyed chain:
 * {@code hash = HMAC-SHA256(key, canonical(event, seq), prevHash)} (plain SHA-256 for entries written before the
 * store was keyed; see {@code dev.maa.core.audit.AuditChain}).
 *
 * @param seq      position in the log, from 1, without gaps
 * @param event    what happened
 * @param prevHash hash of the previous entry (64 zeros for the first)
 * @param hash     this entry's hash, hex
 */
public record AuditEntry(long seq, AuditEvent event, String prevHash, String hash) {}
