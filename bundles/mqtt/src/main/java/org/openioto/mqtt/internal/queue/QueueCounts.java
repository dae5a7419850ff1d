package org.openioto.mqtt.internal.queue;

/**
 * How full a {@link DurableQueue} is, at one moment.
 *
 * @param count messages pending, QoS 0 included
 * @param bytes bytes of topic (UTF-8) and payload pending, QoS 0 included
 * @param fill the fuller of count and bytes against their limits: 0 empty, 1 full (more if the
 *     limits were lowered below what was already queued); the queue itself warns at 0.8
 * @param dropped QoS 0 messages dropped to make room since the queue was opened
 */
public record QueueCounts(long count, long bytes, double fill, long dropped) {
}
