package dev.maa.policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Policy revisions in memory, for tests and single-process demos. Thread-safe. */
public final class InMemoryPolicyRevisionStore implements PolicyRevisionStore {

    private final List<PolicyRevision> revisions = new ArrayList<>();

    @Override
    public synchronized PolicyRevision append(PolicyRevision revision) {
        if (revision.number() != revisions.size() + 1) {
            throw new PolicyRevisionConflictException(revision.number());
        }
        revisions.add(revision);
        return revision;
    }

    @Override
    public synchronized Optional<PolicyRevision> active() {
        return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1));
    }

    @Override
    public synchronized Optional<PolicyRevision> get(long number) {
        return number < 1 || number > revisions.size()
                ? Optional.empty()
                : Optional.of(revisions.get((int) number - 1));
    }

    @Override
    public synchronized List<PolicyRevision> list() {
        List<PolicyRevision> out = new ArrayList<>(revisions);
        java.util.Collections.reverse(out);
        return out;
    }
}
