package dev.maa.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.CallContext;
import dev.maa.api.Decision;
import dev.maa.api.Effect;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.core.ProtectedMethod;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link PolicyEngine} decorator that reuses allow and deny decisions (Caffeine, size-bounded, short TTL) and
 * empties itself when the policy revision changes. Require-approval decisions always go to the wrapped engine.
 *
 * <pre>{@code
 * PolicyEngine policies = CachingPolicyEngine.wrap(rego, DecisionCacheSettings.DEFAULTS);
 * MaaEngine engine = MaaEngine.builder().policyEngine(policies)...build();
 * }</pre>
 *
 * <p>It also implements {@link AllowFastPath}, which the gatekeeper consults before building a policy input.
 */
public final class CachingPolicyEngine implements PolicyEngine, AllowFastPath {

    private final PolicyEngine delegate;
    private final Cache<DecisionKey, Decision> cache;
    private final AllowSlots slots;
    private final LongAdder fastPathHits = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private volatile String lastRevision;

    private CachingPolicyEngine(
            PolicyEngine delegate, DecisionCacheSettings settings, Ticker ticker, Ticker fastPathTicker) {
        this.delegate = delegate;
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfterWrite(settings.ttl())
                .ticker(ticker)
                .build();
        this.slots = new AllowSlots(fastPathTicker, settings.ttl().toNanos());
    }

    /** Wraps {@code engine}; wrapping a caching engine again returns it unchanged. */
    public static CachingPolicyEngine wrap(PolicyEngine engine, DecisionCacheSettings settings) {
        return create(engine, settings, Ticker.systemTicker(), CoarseTicker.INSTANCE);
    }

    /** As {@link #wrap(PolicyEngine, DecisionCacheSettings)}, reading time from {@code ticker} (tests). */
    public static CachingPolicyEngine wrap(PolicyEngine engine, DecisionCacheSettings settings, Ticker ticker) {
        return create(engine, settings, ticker, ticker);
    }

    private static CachingPolicyEngine create(
            PolicyEngine engine, DecisionCacheSettings settings, Ticker ticker, Ticker fastPathTicker) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(ticker, "ticker");
        if (engine instanceof CachingPolicyEngine caching) {
            return caching;
        }
        return new CachingPolicyEngine(engine, settings, ticker, fastPathTicker);
    }

    /** The wrapped engine. */
    public PolicyEngine delegate() {
        return delegate;
    }

    @Override
    public Decision decide(PolicyInput input) {
        String revision = currentRevision();
        DecisionKey key = DecisionKey.of(input, revision);
        Decision cached = cache.getIfPresent(key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        Decision decision = delegate.decide(input);
        if (decision != null && decision.effect() != Effect.REQUIRE_APPROVAL && decidedBy(decision, revision)) {
            cache.put(key, decision);
        }
        return decision;
    }

    @Override
    public boolean mayReview(Principal reviewer, ApprovalRequest request) {
        return delegate.mayReview(reviewer, request);
    }

    @Override
    public String revision() {
        return delegate.revision();
    }

    @Override
    public Runnable onRevisionChange(java.util.function.Consumer<String> listener) {
        return delegate.onRevisionChange(listener);
    }

    @Override
    public boolean admits(ProtectedMethod method, Principal caller, CallContext context, Object[] args) {
        String revision = delegate.revision();
        if (revision != null && slots.admits(method, caller, context, args, revision)) {
            fastPathHits.increment();
            return true;
        }
        return false;
    }

    @Override
    public void allowed(
            ProtectedMethod method, Principal caller, CallContext context, Object[] args, Decision decision) {
        String revision = delegate.revision();
        if (decision.effect() == Effect.ALLOW && revision != null && decidedBy(decision, revision)) {
            slots.allowed(method, caller, context, args, revision);
        }
    }

    /** Drops every cached decision (e.g. after a directory change the revision does not reflect). */
    public void invalidateAll() {
        cache.invalidateAll();
        slots.clear();
        invalidations.increment();
    }

    public DecisionCacheStats stats() {
        return new DecisionCacheStats(fastPathHits.sum(), hits.sum(), misses.sum(), invalidations.sum());
    }

    /** The delegate's revision; a change since the last call empties the cache. */
    private String currentRevision() {
        String revision = String.valueOf(delegate.revision());
        String last = lastRevision;
        if (!revision.equals(last)) {
            synchronized (this) {
                if (!revision.equals(lastRevision)) {
                    if (lastRevision != null) {
                        invalidateAll();
                    }
                    lastRevision = revision;
                }
            }
        }
        return revision;
    }

    /** A decision stamped with another revision raced a policy change: use it once, do not keep it. */
    private static boolean decidedBy(Decision decision, String revision) {
        return decision.policyRevision().isEmpty() || decision.policyRevision().equals(revision);
    }

    @Override
    public String toString() {
        return "CachingPolicyEngine[" + delegate + ", " + stats() + "]";
    }
}
