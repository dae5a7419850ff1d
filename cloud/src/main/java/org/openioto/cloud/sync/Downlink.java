package org.openioto.cloud.sync;

import org.openioto.cloud.broker.Broker;

/** Where sync sends messages to devices: the broker, or a fake in tests. */
public interface Downlink {

    /** Sends {@code payload} to {@code topic} at QoS 1, not retained. */
    void send(String topic, byte[] payload);

    /** True if the device is connected now. */
    boolean connected(String deviceId);

    /** A downlink through {@code broker}. */
    static Downlink of(Broker broker) {
        return new Downlink() {
            @Override
            public void send(String topic, byte[] payload) {
                broker.publish(topic, payload, 1, false);
            }

            @Override
            public boolean connected(String deviceId) {
                return broker.connectedClients().contains(deviceId);
            }
        };
    }
}
