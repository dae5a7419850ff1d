package org.openioto.mqtt;

/** MQTT quality of service. */
public enum Qos {
    /** At most once: fire and forget; dropped first when the queue is full. */
    AT_MOST_ONCE,
    /** At least once: kept in the durable queue until the broker acknowledges it. */
    AT_LEAST_ONCE,
    /** Exactly once: kept in the durable queue until the broker completes the exchange. */
    EXACTLY_ONCE;

    /** The MQTT value, 0, 1 or 2. */
    public int value() {
        return ordinal();
    }

    /**
     * The QoS of an MQTT value.
     *
     * @throws IllegalArgumentException unless the value is 0, 1 or 2
     */
    public static Qos of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + value);
        }
        return values()[value];
    }
}
