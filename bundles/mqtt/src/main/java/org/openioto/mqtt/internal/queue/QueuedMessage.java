package org.openioto.mqtt.internal.queue;

import java.nio.charset.StandardCharsets;
import org.openioto.mqtt.Qos;

/**
 * A message in the {@link DurableQueue}: what to publish, and the id to {@link DurableQueue#ack}
 * it with. Immutable and safe to share between threads; the payload is copied out.
 */
public final class QueuedMessage {

    private final long id;
    private final String topic;
    private final byte[] topicBytes;
    private final byte[] payload;
    private final Qos qos;
    private final boolean retain;

    /** Takes ownership of both arrays: the queue has already copied them. */
    QueuedMessage(long id, String topic, byte[] topicBytes, byte[] payload, Qos qos, boolean retain) {
        this.id = id;
        this.topic = topic;
        this.topicBytes = topicBytes;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
    }

    /** Decodes the topic; for messages read back from the log. */
    static QueuedMessage read(long id, byte[] topicBytes, byte[] payload, Qos qos, boolean retain) {
        return new QueuedMessage(id, new String(topicBytes, StandardCharsets.UTF_8), topicBytes, payload, qos, retain);
    }

    /** The queue's id: increasing in append order, never reused while the queue is open. */
    public long id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    public Qos qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    /** True for QoS 1 and 2, which are kept on disk until acknowledged; QoS 0 is kept in memory only. */
    public boolean durable() {
        return qos != Qos.AT_MOST_ONCE;
    }

    /** What the message counts against the queue's byte limit: its topic in UTF-8 plus its payload. */
    public long size() {
        return (long) topicBytes.length + payload.length;
    }

    byte[] topicBytes() {
        return topicBytes;
    }

    /** The payload itself, for writing it to the log without a copy. */
    byte[] payloadBytes() {
        return payload;
    }

    @Override
    public String toString() {
        return "QueuedMessage[" + id + ", " + topic + ", " + payload.length + " bytes, " + qos + (retain ? ", retained" : "") + "]";
    }
}
