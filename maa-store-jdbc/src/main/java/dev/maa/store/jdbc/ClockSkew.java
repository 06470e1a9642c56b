package dev.maa.store.jdbc;

import java.time.Duration;

/**
 * How far the database's clock is from this node's, as {@link JdbcRequestStore#checkClock()} measured it. Request
 * expiry and executor leases are decided by each node's own clock against times other nodes wrote, so nodes whose
 * clocks drift apart expire requests early or late and take over claims too soon; the database's clock is the one
 * clock all nodes see, so each node compares itself with it.
 *
 * @param skew  the database clock minus this node's clock (positive: this node is behind)
 * @param bound the largest skew taken as in sync
 */
public record ClockSkew(Duration skew, Duration bound) {

    /** Whether the skew is larger than the bound, either way. */
    public boolean beyondBound() {
        return skew.abs().compareTo(bound) > 0;
    }

    /** What an operator reads: the skew, the bound, and what to do. */
    public String describe() {
        return beyondBound()
                ? "This node's clock is " + skew.abs().toMillis() + " ms " + (skew.isNegative() ? "ahead of" : "behind")
                        + " the database's (more than " + bound.toMillis() + " ms): request expiry and executor leases "
                        + "follow each node's clock, so they come early or late here. Synchronise the clocks (NTP)."
                : "This node's clock is within " + bound.toMillis() + " ms of the database's (" + skew.toMillis()
                        + " ms).";
    }
}
