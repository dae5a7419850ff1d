package org.openioto.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A raw Paho client playing the cloud's side in tests: it records what it receives. Its session
 * is persistent (clean session off), so after a broker restart {@link #awaitConnected} connects
 * a fresh client under the same ID and the broker delivers what it kept meanwhile.
 */
public final class PahoPeer implements AutoCloseable {

    /** A message as the peer received it. */
    public record Got(String topic, String text, int qos, boolean retained) {
    }

    public final List<Got> got = new CopyOnWriteArrayList<>();
    private final String uri;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private volatile BiConsumer<String, MqttMessage> responder = (t, m) -> { };

    public PahoPeer(String uri, String clientId) throws MqttException {
        this.uri = uri;
        this.clientId = clientId;
        this.client = connect();
    }

    private MqttAsyncClient connect() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                got.add(new Got(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(),
                        message.isRetained()));
                responder.accept(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setMaxInflight(1000);
        options.setConnectionTimeout(5);
        c.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
        return c;
    }

    /** The Paho client of the current connection. */
    public MqttAsyncClient client() {
        return client;
    }

    /** Waits until the peer is connected again, with a fresh client, after a broker restart. */
    public void awaitConnected(Duration limit) {
        Awaitility.await("cloud peer reconnected").atMost(limit).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> {
                    if (!client.isConnected()) {
                        MqttAsyncClient old = client;
                        old.close(true);
                        client = connect();
                    }
                    return client.isConnected();
                });
    }

    public PahoPeer subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
        return this;
    }

    public void publish(String topic, String text, int qos, boolean retained) throws MqttException {
        client.publish(topic, text.getBytes(StandardCharsets.UTF_8), qos, retained)
                .waitForCompletion(TimeUnit.SECONDS.toMillis(10));
    }

    /** Answers every message it receives with what {@code answer} makes of it. */
    public void respond(BiConsumer<String, MqttMessage> answer) {
        responder = answer;
    }

    public List<String> texts() {
        return got.stream().map(Got::text).toList();
    }

    @Override
    public void close() throws MqttException {
        MqttAsyncClient c = client;
        if (c.isConnected()) {
            c.disconnectForcibly(0, 1000);
        }
        c.close(true);
    }
}
