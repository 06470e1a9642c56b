package dev.maa.rego.conformance;

/**
 * Outcome of one conformance case.
 *
 * @param category first directory below the conformance root
 * @param file path relative to the root
 * @param note the case's note
 * @param status passed, failed or skipped
 * @param reason why it failed or was skipped (empty when passed)
 */
public record CaseResult(String category, String file, String note, Status status, String reason) {
  /** Case status. */
  public enum Status { PASSED, FAILED, SKIPPED }
}
