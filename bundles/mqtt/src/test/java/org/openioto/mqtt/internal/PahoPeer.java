package org.openioto.mqtt.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A raw Paho client playing the cloud's side in tests: it records what it receives. */
public final class PahoPeer implements AutoCloseable {

    /** A message as the peer received it. */
    public record Got(String topic, String text, int qos, boolean retained) {
    }

    public final List<Got> got = new CopyOnWriteArrayList<>();
    public final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private volatile java.util.function.BiConsumer<String, MqttMessage> responder = (t, m) -> { };

    /** A peer with a persistent session (clean session off), so it misses nothing while the broker restarts. */
    public PahoPeer(String uri, String clientId) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(1000);
        options.setMaxReconnectDelay(500);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                got.add(new Got(topic, new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8),
                        message.getQos(), message.isRetained()));
                responder.accept(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
    }

    /**
     * Waits until the peer is connected again after a broker restart, asking Paho to reconnect
     * when its own automatic reconnect has given up (it sometimes does in 1.2.5).
     */
    public void awaitConnected(java.time.Duration limit) {
        org.awaitility.Awaitility.await("cloud peer reconnected").atMost(limit)
                .pollInterval(java.time.Duration.ofMillis(250)).until(() -> {
                    if (!client.isConnected()) {
                        try {
                            client.reconnect();
                        } catch (MqttException e) {
                            // in progress, or the broker is not there yet: try again at the next poll
                        }
                    }
                    return client.isConnected();
                });
    }

    public PahoPeer subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
        return this;
    }

    public void publish(String topic, String text, int qos, boolean retained) throws MqttException {
        client.publish(topic, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), qos, retained)
                .waitForCompletion(TimeUnit.SECONDS.toMillis(10));
    }

    /** Answers every message it receives with what {@code answer} makes of it. */
    public void respond(java.util.function.BiConsumer<String, MqttMessage> answer) {
        responder = answer;
    }

    public List<String> texts() {
        return got.stream().map(Got::text).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(0, 1000);
        }
        client.close(true);
    }
}
