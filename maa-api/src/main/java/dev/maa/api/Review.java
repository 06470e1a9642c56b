package dev.maa.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One reviewer's verdict on a request.
 *
 * @param reviewer       principal id of the reviewer
 * @param reviewerGroups the reviewer's groups as read from the directory when the review happened
 * @param verdict        approve or reject
 * @param notes          approver notes
 * @param digest         the digest of the parked call the reviewer saw; approval is bound to it
 * @param at             when
 */
public record Review(
        String reviewer, Set<String> reviewerGroups, Verdict verdict, String notes, String digest, Instant at) {

    public Review {
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(at, "at");
        reviewerGroups = Set.copyOf(reviewerGroups == null ? Set.of() : reviewerGroups);
        notes = notes == null ? "" : notes;
    }
}
