package org.openioto.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message received from the broker. The payload is copied in and out, so a handler may keep
 * or change what it gets without affecting anyone else.
 */
public final class MqttMessage {

    private final String topic;
    private final byte[] payload;
    private final Qos qos;
    private final boolean retained;
    private final boolean duplicate;

    public MqttMessage(String topic, byte[] payload, Qos qos, boolean retained, boolean duplicate) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.payload = payload.clone();
        this.qos = Objects.requireNonNull(qos, "qos");
        this.retained = retained;
        this.duplicate = duplicate;
    }

    public String topic() {
        return topic;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public Qos qos() {
        return qos;
    }

    /** True if the broker sent this as a retained message. */
    public boolean retained() {
        return retained;
    }

    /** True if this may be a redelivery of an earlier message. */
    public boolean duplicate() {
        return duplicate;
    }

    @Override
    public String toString() {
        return "MqttMessage[" + topic + ", " + payload.length + " bytes, " + qos + (retained ? ", retained" : "") + "]";
    }
}
