package dev.maa.notify;

import java.time.Duration;

/**
 * The checks every channel builder makes: its name (a metrics tag, a log name, and the key that marks which
 * channels already delivered an outbox entry) and its positive durations. One place, so that all channels accept
 * and refuse the same values with the same words.
 */
final class ChannelNames {

    private ChannelNames() {}

    /** {@code value} if it is a channel name. */
    static String check(String value) {
        if (value == null || !value.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            throw new IllegalArgumentException("channel name must match [a-z0-9][a-z0-9_-]{0,39}, was '" + value + "'");
        }
        return value;
    }

    /** {@code value} if it is positive; otherwise an error naming {@code what}. */
    static Duration positive(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }
}
