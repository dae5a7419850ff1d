package org.openioto.mqtt.internal.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DurableQueue} is kept: where, how much it may hold, and how often it is forced.
 *
 * @param directory the queue's own directory, made if missing (e.g. {@code STATE/mqtt/queue})
 * @param maxCount the most messages held, QoS 0 included
 * @param maxBytes the most bytes of topic (UTF-8) and payload held, QoS 0 included
 * @param flushInterval how often appended records are forced to the device; zero forces each
 *     durable append before it returns (safe against power loss, and slow)
 * @param compactAfter bytes of acknowledged records and ACKs that make the log worth rewriting
 *     to its live records; it also waits until they outweigh the live records, so rewriting
 *     costs at most about one byte written per byte appended
 */
public record QueueSettings(Path directory, long maxCount, long maxBytes, Duration flushInterval, long compactAfter) {

    /** What {@link #of} uses for {@code compactAfter}: 4 MiB. */
    public static final long COMPACT_AFTER = 4L << 20;

    /**
     * @throws IllegalArgumentException if a limit is below 1 or the interval or
     *     {@code compactAfter} is negative
     */
    public QueueSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (maxCount < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("queue limits must be at least 1, not " + maxCount + " messages and "
                    + maxBytes + " bytes");
        }
        if (flushInterval.isNegative() || compactAfter < 0) {
            throw new IllegalArgumentException("queue flush interval " + flushInterval + " and compaction threshold "
                    + compactAfter + " must not be negative");
        }
    }

    /** Settings with compaction after {@value #COMPACT_AFTER} bytes of acknowledged records. */
    public static QueueSettings of(Path directory, long maxCount, long maxBytes, Duration flushInterval) {
        return new QueueSettings(directory, maxCount, maxBytes, flushInterval, COMPACT_AFTER);
    }
}
