package org.openioto.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Raw Paho 1.2.5 clients for the TLS tests, with their own threads (no executor). */
final class PahoClients {

    private PahoClients() {
    }

    /** A connected client; throws Paho's exception if the connection fails. */
    static MqttAsyncClient connect(String uri, String clientId, SocketFactory sockets) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(sockets);
        options.setConnectionTimeout(10);
        options.setCleanSession(true);
        // the default tries 3.1.1 and then 3.1 again after a failure: two handshakes per connect
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        try {
            client.connect(options).waitForCompletion(15_000);
            return client;
        } catch (MqttException e) {
            client.close();
            throw e;
        }
    }

    /** The exception of a connection that must fail; the client is closed. */
    static MqttException refusal(String uri, String clientId, SocketFactory sockets) {
        return catchThrowableOfType(MqttException.class, () -> connect(uri, clientId, sockets).close());
    }

    /** Subscribes to {@code topic}, publishes to it at QoS 1 (waiting for PUBACK) and awaits the message back. */
    static void roundTrip(MqttAsyncClient client, String topic) throws MqttException {
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        client.subscribe(topic, 1, (t, m) -> received.add(m)).waitForCompletion(10_000);
        byte[] payload = ("hello from " + client.getClientId()).getBytes(StandardCharsets.UTF_8);
        client.publish(topic, payload, 1, false).waitForCompletion(10_000);
        MqttMessage back = Awaitility.await("message on " + topic).atMost(Duration.ofSeconds(10))
                .until(() -> received.poll(100, TimeUnit.MILLISECONDS), m -> m != null);
        assertThat(back.getPayload()).isEqualTo(payload);
        assertThat(back.getQos()).isEqualTo(1);
    }

    /** Disconnects and closes. */
    static void close(MqttAsyncClient client) throws MqttException {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    /** Live threads of this client: Paho names them "MQTT Con: id", "MQTT Rec: id" and so on. */
    static List<String> threads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("MQTT") && n.endsWith(": " + clientId))
                .toList();
    }

    /** Waits (at most 5 s) until this client has no live thread left. */
    static void awaitNoThreads(String clientId) {
        Awaitility.await("Paho threads of " + clientId + " to end").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> threads(clientId), List::isEmpty);
    }
}
