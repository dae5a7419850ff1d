package org.openioto.cloud;

import java.util.Set;
import java.util.function.Supplier;
import org.openioto.cloud.broker.Broker;
import org.openioto.cloud.http.DeviceMessaging;

/**
 * The HTTP API's and the throttle's view of the broker, looked up at each call: while there is no
 * broker, or it is closed, nobody is connected and messages are dropped.
 */
final class BrokerMessaging implements DeviceMessaging, Throttle.Devices {

    private final Supplier<Broker> broker;

    BrokerMessaging(Supplier<Broker> broker) {
        this.broker = broker;
    }

    @Override
    public Set<String> connectedClients() {
        Broker b = broker.get();
        try {
            return b == null ? Set.of() : b.connectedClients();
        } catch (IllegalStateException closed) {
            return Set.of();
        }
    }

    @Override
    public void publish(String topic, byte[] payload) {
        Broker b = broker.get();
        try {
            if (b != null) {
                b.publish(topic, payload, 1, false);
            }
        } catch (IllegalStateException closed) {
            // stopping: the device will find out at its next connect
        }
    }

    @Override
    public void disconnect(String deviceId) {
        Broker b = broker.get();
        if (b != null) {
            b.disconnect(deviceId);
        }
    }
}
