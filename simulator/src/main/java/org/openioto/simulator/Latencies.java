package org.openioto.simulator;

import java.util.Arrays;

/**
 * Ack latencies in microseconds, recorded from any thread, and their percentiles. Holds every
 * sample (8 bytes each), so it grows with the run: a million samples take 8 MB.
 */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    /** Adds one latency in microseconds. */
    synchronized void add(long micros) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = micros;
    }

    /** How many latencies were added. */
    synchronized int count() {
        return count;
    }

    /** A sorted copy of what was added so far. */
    synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Summary(sorted);
    }

    /** Percentiles of a sorted set of latencies, all in microseconds; 0 for an empty set. */
    static final class Summary {

        private final long[] sorted;

        Summary(long[] sorted) {
            this.sorted = sorted;
        }

        int count() {
            return sorted.length;
        }

        /**
         * The nearest-rank percentile: the smallest sample that at least {@code p} percent of
         * the samples are less than or equal to.
         *
         * @throws IllegalArgumentException unless 0 &lt; p &lt;= 100
         */
        long percentile(double p) {
            if (!(p > 0 && p <= 100)) {
                throw new IllegalArgumentException("Percentile must be in (0, 100], got " + p);
            }
            if (sorted.length == 0) {
                return 0;
            }
            // p * n before the division keeps whole-number ranks exact (99 * 100 / 100 is 99, not 99.00000000000001)
            int rank = (int) Math.ceil(p * sorted.length / 100.0);
            return sorted[Math.max(1, rank) - 1];
        }

        long max() {
            return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        }
    }
}
