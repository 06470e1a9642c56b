package dev.maa.api;

import java.time.Instant;

/**
 * The review that closes a break-glass request after the fact.
 *
 * @param reviewer who closed it
 * @param notes    the reviewer's findings
 * @param at       when
 */
public record PostReview(String reviewer, String notes, Instant at) {}
