package org.openioto.cloud.http;

import java.util.Set;

/** What the HTTP API needs from the MQTT broker: who is connected, and a way to tell a device something. */
public interface DeviceMessaging {

    /** No broker: nobody is connected and messages go nowhere. */
    DeviceMessaging NONE = new DeviceMessaging() {
        @Override
        public Set<String> connectedClients() {
            return Set.of();
        }

        @Override
        public void publish(String topic, byte[] payload) {
        }

        @Override
        public void disconnect(String deviceId) {
        }
    };

    /** Returns the client ids (device ids) connected now; empty if the broker is not running. */
    Set<String> connectedClients();

    /** Publishes {@code payload} to {@code topic} at QoS 1, not retained; does nothing if the broker is not running. */
    void publish(String topic, byte[] payload);

    /** Drops device {@code deviceId}'s connection, if it has one. */
    void disconnect(String deviceId);
}
