package org.openioto.cloud.metrics;

/**
 * What a bucket (or several) holds: count, sum, minimum and maximum of the samples, and the last
 * sample with its time, which {@code current} answers.
 *
 * @param latestMillis when the last sample was taken, epoch milliseconds
 */
public record Stats(long count, double sum, double min, double max, double latest, long latestMillis) {

    /** One sample. */
    public static Stats of(double value, long epochMillis) {
        return new Stats(1, value, value, value, value, epochMillis);
    }

    /** Both together; the later sample is the latest (on a tie, {@code other}'s). */
    public Stats merge(Stats other) {
        boolean theirs = other.latestMillis >= latestMillis;
        return new Stats(count + other.count, sum + other.sum, Math.min(min, other.min), Math.max(max, other.max),
                theirs ? other.latest : latest, theirs ? other.latestMillis : latestMillis);
    }

    /** The mean of the samples. */
    public double avg() {
        return sum / count;
    }
}
