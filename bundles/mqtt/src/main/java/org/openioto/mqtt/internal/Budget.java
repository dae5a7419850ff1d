package org.openioto.mqtt.internal;

/**
 * A count and a number of bytes that may be taken and given back, such as the QoS 0 messages
 * that wait in Paho's own buffer: they are bounded like the queue.
 */
final class Budget {

    private final int maxCount;
    private final long maxBytes;
    private int count;
    private long bytes;

    Budget(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** Takes one item of {@code size} bytes if both fit; answers whether it did. */
    synchronized boolean take(long size) {
        if (count >= maxCount || bytes + size > maxBytes) {
            return false;
        }
        count++;
        bytes += size;
        return true;
    }

    /** Gives back an item taken before. */
    synchronized void give(long size) {
        count--;
        bytes -= size;
    }
}
