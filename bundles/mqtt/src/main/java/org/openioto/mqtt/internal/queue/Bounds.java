package org.openioto.mqtt.internal.queue;

import org.openioto.mqtt.MqttException;

/**
 * Counts the messages and bytes in the queue against its limits, words the refusal when a
 * message does not fit, and says when to warn that the queue is filling up. Changed only under
 * the queue's lock; read from any thread.
 */
final class Bounds {

    /** Warn at this fill, and again only after it fell below {@link #REARM_FILL}. */
    static final double WARN_FILL = 0.8;
    static final double REARM_FILL = 0.7;

    private final long maxCount;
    private final long maxBytes;
    private volatile long count;
    private volatile long bytes;
    private boolean warned;

    Bounds(long maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** True if a message of {@code size} bytes fits once {@code freedCount} messages of {@code freedBytes} are gone. */
    boolean fits(long size, long freedCount, long freedBytes) {
        return count - freedCount + 1 <= maxCount && bytes - freedBytes + size <= maxBytes;
    }

    void add(long size) {
        count++;
        bytes += size;
    }

    void remove(long size) {
        count--;
        bytes -= size;
        warned &= fill() >= REARM_FILL;
    }

    /** True once when the fill reaches {@link #WARN_FILL}; again only after it fell below {@link #REARM_FILL}. */
    boolean warnNow() {
        boolean now = !warned && fill() >= WARN_FILL;
        warned |= now;
        return now;
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    /** The larger of the count and byte fill, 0 to 1 (above 1 if the limits were lowered since). */
    double fill() {
        return Math.max((double) count / maxCount, (double) bytes / maxBytes);
    }

    /** Why a message of {@code size} bytes does not fit even with {@code freeable} QoS 0 messages dropped. */
    MqttException refusal(String what, long size, long freeableCount, long freeableBytes) {
        String dropped = freeableCount == 0 ? "" : " even after dropping all " + freeableCount + " QoS 0 messages";
        if (size > maxBytes) {
            return new MqttException(what + " refused: its " + size + " bytes of topic and payload are more than the queue holds "
                    + "(byte limit " + maxBytes + ")");
        }
        if (count - freeableCount + 1 > maxCount) {
            return new MqttException(what + " refused: the queue is full at its message limit of " + maxCount
                    + " unacknowledged messages" + dropped);
        }
        return new MqttException(what + " refused: the queue is full at its byte limit of " + maxBytes + " (" + bytes
                + " bytes held, " + size + " more needed" + dropped + ")");
    }

    @Override
    public String toString() {
        return count + " of " + maxCount + " messages, " + bytes + " of " + maxBytes + " bytes";
    }
}
