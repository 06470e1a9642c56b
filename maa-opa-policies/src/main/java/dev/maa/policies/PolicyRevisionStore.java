package dev.maa.policies;

import java.util.List;
import java.util.Optional;

/**
 * Keeps every policy revision; the newest is the active one. Appending is the activation: one atomic
 * write, refused if someone else activated a revision in between, so an approved change is never
 * silently applied on top of a policy its approvers did not see.
 */
public interface PolicyRevisionStore {

    /**
     * Stores {@code revision}, whose number must be one more than the active revision's (1 for the first).
     *
     * @throws PolicyRevisionConflictException if that number is taken
     */
    PolicyRevision append(PolicyRevision revision);

    /** The active (newest) revision, if any. */
    Optional<PolicyRevision> active();

    Optional<PolicyRevision> get(long number);

    /** Every revision, newest first. */
    List<PolicyRevision> list();
}
