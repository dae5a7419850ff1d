package org.openioto.cloud;

import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Connects a test client and subscribes it at QoS 1 as a device does, right after the CONNACK.
 *
 * <p>Moquette 0.17 marks a connection as connected in a listener on its CONNACK write, which it
 * adds from another thread after the write; when that thread falls behind (a busy machine), a
 * SUBSCRIBE arriving at once is taken for one on a closed connection and the connection is
 * dropped ("SUBSCRIBE received on already closed connection"). A device then connects again, and
 * so does this, up to three times; a subscription the broker refuses on a live connection is not
 * retried.
 */
public final class MqttSubscriptions {

    private static final int ATTEMPTS = 3;

    private MqttSubscriptions() {
    }

    /** Connects {@code client} with {@code options} if it is not connected, then subscribes {@code filter}. */
    public static void connectAndSubscribe(MqttClient client, MqttConnectOptions options, String filter,
                                           IMqttMessageListener listener) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            if (!client.isConnected()) {
                client.connect(options);
            }
            try {
                client.subscribe(filter, 1, listener);
                return;
            } catch (MqttException e) {
                if (attempt == ATTEMPTS || client.isConnected()) {
                    throw e;
                }
            }
        }
    }
}
