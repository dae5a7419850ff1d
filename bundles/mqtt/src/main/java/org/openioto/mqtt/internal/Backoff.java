package org.openioto.mqtt.internal;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter: the n-th wait is uniform in [0, min(cap, first * 2^n)].
 * The random source is seeded per device, so that a fleet that lost its broker at the same
 * moment does not come back in lockstep. Not thread-safe: one connection loop owns it.
 */
final class Backoff {

    private final long firstMillis;
    private final long capMillis;
    private final Random random;
    private int attempt;

    Backoff(Duration first, Duration cap, long seed) {
        this.firstMillis = Math.max(1, first.toMillis());
        this.capMillis = Math.max(firstMillis, cap.toMillis());
        this.random = new Random(seed);
    }

    /** The wait before the next attempt. */
    Duration next() {
        long ceiling = attempt >= 62 ? capMillis : Math.min(capMillis, firstMillis << Math.min(attempt, 40));
        attempt++;
        return Duration.ofMillis((long) (random.nextDouble() * (ceiling + 1)));
    }

    /** Starts again from the first wait, after a connection that lasted. */
    void reset() {
        attempt = 0;
    }

    int attempts() {
        return attempt;
    }
}
