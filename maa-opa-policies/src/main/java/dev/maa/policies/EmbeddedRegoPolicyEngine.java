package dev.maa.policies;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Decision;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.api.Principal;
import dev.maa.core.Scheduler;
import dev.maa.policies.internal.CompiledPolicy;
import dev.maa.policies.internal.DecisionDocuments;
import dev.maa.policies.internal.PolicyInputValues;
import dev.maa.rego.EvalLimits;
import dev.maa.rego.PreparedQuery;
import dev.maa.rego.QueryResult;
import dev.maa.rego.RegoException;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides in-process with {@code maa-rego}: the policy set is parsed and compiled once per revision and
 * the {@code data.maa.decision} query prepared once; a decision is one evaluation.
 *
 * <p>Loaded from a policy directory (optionally watched: an edit is picked up by polling, a broken
 * edit is logged with {@code file:line:col} and the last good revision stays active), from a classpath
 * bundle, or from a {@link PolicySet} (what {@link PolicyAdmin} activates). The {@link #revision()} is a
 * content hash of everything loaded, so decision caches keyed by it never serve a stale answer.
 */
public final class EmbeddedRegoPolicyEngine implements PolicyEngine, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegoPolicyEngine.class);

    private final AtomicReference<CompiledPolicy> current;
    private final Supplier<PolicySet> source;
    private final EvalLimits limits;
    private final String origin;
    private final Scheduler watcher;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private EmbeddedRegoPolicyEngine(Builder b) {
        this.source = b.source;
        this.limits = b.limits;
        this.origin = b.origin;
        this.current = new AtomicReference<>(CompiledPolicy.compile(source.get(), limits));
        LOG.info("Loaded policy revision {} from {}", revision(), origin);
        if (b.pollInterval != null) {
            watcher = Scheduler.named("maa-policy-watch");
            watcher.every("Watching " + origin, b.pollInterval, b.pollInterval, this::reloadQuietly);
        } else {
            watcher = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The demo policies shipped with this module (the sample and {@code maa demo} use them). */
    public static EmbeddedRegoPolicyEngine demo() {
        return builder().classpath(PolicySet.DEMO).build();
    }

    @Override
    public Decision decide(PolicyInput input) {
        CompiledPolicy p = current.get();
        Value doc = eval(p, p.decision(), PolicyInputValues.of(input), CompiledPolicy.DECISION_QUERY);
        return DecisionDocuments.toDecision(doc, p.revision(), origin);
    }

    @Override
    public boolean mayReview(Principal reviewer, ApprovalRequest request) {
        CompiledPolicy p = current.get();
        Value v = eval(
                p, p.review(), Value.of(DecisionDocuments.reviewInput(reviewer, request)), CompiledPolicy.REVIEW_QUERY);
        return DecisionDocuments.toReviewAllowed(Values.toJava(v), p.revision(), origin);
    }

    /** Evaluates {@code data.maa.decision} and returns the raw document (for {@code maa policy eval}). */
    public Object decisionDocument(Map<String, Object> input) {
        CompiledPolicy p = current.get();
        return Values.toJava(
                eval(p, p.decision(), input == null ? null : Value.of(input), CompiledPolicy.DECISION_QUERY));
    }

    @Override
    public String revision() {
        return current.get().revision();
    }

    /** Told of every new revision: {@link #activate} and a reload of a watched directory. */
    @Override
    public Runnable onRevisionChange(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** The policy set currently in force. */
    public PolicySet policySet() {
        return current.get().set();
    }

    /**
     * Replaces the active policy with {@code set}, atomically: evaluations in flight finish on the old
     * revision, later ones see the new. Throws {@link PolicyValidationException} and keeps the old one
     * if {@code set} does not compile.
     */
    public String activate(PolicySet set) {
        CompiledPolicy next = CompiledPolicy.compile(set, limits);
        CompiledPolicy prev = current.getAndSet(next);
        if (!prev.revision().equals(next.revision())) {
            LOG.info("Policy revision {} replaces {} ({})", next.revision(), prev.revision(), origin);
            for (Consumer<String> l : listeners) {
                try {
                    l.accept(next.revision());
                } catch (RuntimeException e) {
                    LOG.warn("A listener of policy revision {} failed: {}", next.revision(), e.toString());
                }
            }
        }
        return next.revision();
    }

    /**
     * Re-reads the source; returns true if a new revision became active. A set that fails to load or
     * compile is refused with {@link PolicyValidationException}; the active revision is unchanged.
     */
    public boolean reload() {
        PolicySet set = source.get();
        if (set.digest().equals(current.get().set().digest())) {
            return false;
        }
        String before = revision();
        return !activate(set).equals(before);
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // a half-saved or broken edit: keep serving the last good revision until the file is fixed
            LOG.error("Policy change in {} refused; revision {} stays active:\n{}", origin, revision(), e.getMessage());
        }
    }

    private Value eval(CompiledPolicy p, PreparedQuery query, Value input, String name) {
        QueryResult r;
        try {
            r = query.evalValue(input);
        } catch (RegoException e) {
            throw new PolicyUnavailableException(
                    "Evaluating " + name + " failed at " + e.location() + " (revision " + p.revision() + "): "
                            + e.code() + ": " + e.text() + ".",
                    e);
        }
        if (!r.isDefined()) {
            throw new PolicyUnavailableException(
                    name + " is undefined for this input (revision " + p.revision() + ", " + origin
                            + "); a policy that overrides package maa must always define it.",
                    null);
        }
        return r.rawValue();
    }

    /** Stops watching the directory. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** Builds an {@link EmbeddedRegoPolicyEngine}: one source, optional watching and limits. */
    public static final class Builder {
        private Supplier<PolicySet> source;
        private String origin;
        private Duration pollInterval;
        private EvalLimits limits = EvalLimits.of(1_000_000, 200, Duration.ofSeconds(2));

        private Builder() {}

        /** Loads {@code access-policies.yaml} and {@code *.rego} from a directory. */
        public Builder directory(Path dir) {
            Objects.requireNonNull(dir, "dir");
            return source(() -> PolicySet.fromDirectory(dir), "policy directory " + dir.toAbsolutePath());
        }

        /** Loads a policy set from the classpath ({@code prefix/index.txt} lists its files). */
        public Builder classpath(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            PolicySet set = PolicySet.fromClasspath(prefix);
            return source(() -> set, "classpath:" + prefix);
        }

        /** Uses a fixed policy set (e.g. the active revision from a {@link PolicyRevisionStore}). */
        public Builder policySet(PolicySet set) {
            Objects.requireNonNull(set, "set");
            return source(() -> set, "policy set " + set.shortDigest());
        }

        /** Re-reads the source every {@code interval} and activates changes; only useful with {@link #directory}. */
        public Builder watch(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("watch interval must be positive, was " + interval);
            }
            pollInterval = interval;
            return this;
        }

        public Builder limits(EvalLimits l) {
            limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        private Builder source(Supplier<PolicySet> s, String o) {
            if (source != null) {
                throw new IllegalStateException("A policy source is already set (" + origin + "); choose one of "
                        + "directory, classpath or policySet");
            }
            source = s;
            origin = o;
            return this;
        }

        /** Loads and compiles the policy now; throws {@link PolicyValidationException} if it is broken. */
        public EmbeddedRegoPolicyEngine build() {
            if (source == null) {
                throw new IllegalStateException(
                        "No policy source: call directory(path), classpath(prefix) or policySet(set)");
            }
            return new EmbeddedRegoPolicyEngine(this);
        }
    }
}
