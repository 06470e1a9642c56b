package dev.maa.spring.boot.autoconfigure;

/** {@code maa.executor.*}: the background jobs that run approved calls, recover claims and expire requests. */
public class MaaExecutorProperties {

    /** Whether the jobs run in this application (they start and stop with the context). */
    private boolean enabled = true;

    /** How often the jobs run (a duration). */
    private String interval = "5s";

    /** How long a claimed call may run before it is marked FAILED, outcome unknown (a duration). */
    private String claimLease = "5m";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public String getClaimLease() {
        return claimLease;
    }

    public void setClaimLease(String claimLease) {
        this.claimLease = claimLease;
    }
}
