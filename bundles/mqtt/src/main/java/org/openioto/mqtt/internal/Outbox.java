package org.openioto.mqtt.internal;

import java.time.Duration;
import java.util.Optional;
import org.openioto.mqtt.Qos;

/**
 * The messages waiting for the broker, in the order they were published. QoS 1 and 2 messages
 * are durable: once {@link #append} returns they survive a crash of the process and stay until
 * {@link #ack}. Many threads append; one sender reads and acknowledges.
 */
interface Outbox extends AutoCloseable {

    /** A queued message. */
    record Queued(long id, String topic, byte[] payload, Qos qos, boolean retain) {
    }

    /**
     * Queues a message.
     *
     * @throws org.openioto.mqtt.MqttException if a bound (count or bytes) refuses it
     */
    Queued append(String topic, byte[] payload, Qos qos, boolean retain);

    /** Forgets a message the broker acknowledged (or a QoS 0 message that was sent). */
    void ack(long id);

    /** The first message with an id above {@code afterId}, waiting up to {@code wait} for one. */
    Optional<Queued> next(long afterId, Duration wait) throws InterruptedException;

    /** Messages queued (sent or not, not yet acknowledged). */
    long count();

    /** How full the tighter bound is, 0 to 1. */
    double fill();

    @Override
    void close();
}
