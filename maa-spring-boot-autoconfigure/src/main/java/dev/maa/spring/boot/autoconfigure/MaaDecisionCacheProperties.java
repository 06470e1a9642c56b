package dev.maa.spring.boot.autoconfigure;

/** {@code maa.decision-cache.*}: the cache of allow and deny decisions, keyed by policy revision. */
public class MaaDecisionCacheProperties {

    /** Whether allow and deny decisions are cached. */
    private boolean enabled = true;

    /** How long a decision is reused (a duration). */
    private String ttl = "10s";

    /** How many decisions are kept. */
    private long maximumSize = 10_000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTtl() {
        return ttl;
    }

    public void setTtl(String ttl) {
        this.ttl = ttl;
    }

    public long getMaximumSize() {
        return maximumSize;
    }

    public void setMaximumSize(long maximumSize) {
        this.maximumSize = maximumSize;
    }
}
