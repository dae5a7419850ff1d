package org.openioto.mqtt.internal;

import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.openioto.mqtt.internal.queue.QueuedMessage;

/**
 * One network connection to the broker through a Paho client, made fresh for every connect so
 * that nothing of a broken connection lingers. Durability is the outbox's job, so Paho keeps no
 * state beyond the connection ({@link NoPersistence}).
 */
final class Link implements AutoCloseable {

    /** What the link reports back to the connection. */
    interface Listener {
        void lost(Throwable cause);

        void arrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message);

        void delivered(long id);
    }

    private final MqttAsyncClient client;

    Link(Settings settings, String clientId, SocketFactory sockets, Listener listener, long timeoutMillis)
            throws MqttException {
        client = new MqttAsyncClient(settings.serverUri(), clientId, new NoPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                listener.lost(cause);
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                listener.arrived(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                if (token.getUserContext() instanceof Long id) {
                    listener.delivered(id);
                }
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) Math.min(65535, settings.keepAlive().toSeconds()));
        // Paho counts a QoS 0 message in flight while it writes it, and an acknowledged one until
        // just after it reported it: one more than our window, which only QoS 1 and 2 use
        options.setMaxInflight(settings.window() + 1);
        options.setConnectionTimeout((int) Math.max(1, timeoutMillis / 1000));
        if (sockets != null) {
            options.setSocketFactory(sockets);
            options.setHttpsHostnameVerificationEnabled(true);
        }
        try {
            client.connect(options).waitForCompletion(timeoutMillis);
        } catch (MqttException e) {
            close();
            throw e;
        }
    }

    /** Hands a message to Paho; {@code id} comes back through {@link Listener#delivered}. */
    void publish(QueuedMessage m) throws MqttException {
        client.publish(m.topic(), m.payload(), m.qos().value(), m.retain(), m.id(), null);
    }

    /**
     * Hands a QoS 0 message to Paho directly; {@code done} gets null once it is written, or the
     * reason it never will be (the connection went first).
     */
    void publishQos0(String topic, byte[] payload, boolean retain, Consumer<Throwable> done) throws MqttException {
        client.publish(topic, payload, 0, retain, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.accept(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                done.accept(cause);
            }
        });
    }

    void subscribe(String filter, int qos, Consumer<Throwable> failed) {
        try {
            client.subscribe(filter, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                        failed.accept(new IllegalStateException("the broker refused the subscription to " + filter));
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    failed.accept(cause);
                }
            });
        } catch (MqttException e) {
            failed.accept(e);
        }
    }

    void unsubscribe(String filter) {
        try {
            client.unsubscribe(filter);
        } catch (MqttException e) {
            // the connection is going away; nothing to undo at the broker then
        }
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Disconnects at once and releases Paho's threads. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException e) {
            // already gone
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }
}
