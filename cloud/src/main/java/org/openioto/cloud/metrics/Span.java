package org.openioto.cloud.metrics;

import java.util.Optional;

/**
 * A bucket width, and how many buckets of it are kept. Buckets are aligned to the epoch: a
 * 5-minute bucket starts at a multiple of 300 s since 1970-01-01T00:00Z.
 */
public enum Span {

    /** 5-minute buckets, the last 12 kept (an hour). */
    FIVE_MINUTES(300, 12),
    /** 1-hour buckets, the last 48 kept (two days). */
    HOUR(3600, 48);

    private final int seconds;
    private final int kept;

    Span(int seconds, int kept) {
        this.seconds = seconds;
        this.kept = kept;
    }

    /** The bucket width in seconds. */
    public int seconds() {
        return seconds;
    }

    /** How many buckets are kept, the current one included. */
    public int kept() {
        return kept;
    }

    /** The start (epoch seconds) of the bucket holding {@code epochSecond}. */
    public long start(long epochSecond) {
        return Math.floorDiv(epochSecond, seconds) * seconds;
    }

    /** Buckets starting at or before this (epoch seconds) are dropped at {@code epochSecond}. */
    long pruneAtOrBefore(long epochSecond) {
        return start(epochSecond) - (long) kept * seconds;
    }

    /** The buckets a period is answered from: 5-minute ones up to 300 s, hourly ones beyond. */
    public static Span forPeriod(long periodSeconds) {
        return periodSeconds <= FIVE_MINUTES.seconds ? FIVE_MINUTES : HOUR;
    }

    /** The span of {@code seconds} (300 or 3600), if there is one. */
    public static Optional<Span> ofSeconds(long seconds) {
        for (Span s : values()) {
            if (s.seconds == seconds) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
