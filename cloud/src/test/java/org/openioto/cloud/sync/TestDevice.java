package org.openioto.cloud.sync;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.openioto.cloud.Cloud;
import org.openioto.cloud.MqttSubscriptions;
import org.openioto.cloud.db.Seed;
import org.openioto.cloud.http.DeviceTls;
import org.openioto.cloud.http.Json;

/**
 * A device as Ioto is to the cloud: registered, claimed and provisioned over HTTP, then on MQTT
 * over TLS with its certificate, subscribed to {@code ioto/device/{id}/#} like the agent's master
 * subscription, keeping every message it receives in order.
 */
final class TestDevice implements AutoCloseable {

    /** A message the device received. */
    record Message(String topic, String payload) { }

    static final String PASSWORD = "pw";

    final String id;
    private final String certificate;
    private final String key;
    private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private MqttClient client;

    private TestDevice(String id, String certificate, String key) {
        this.id = id;
        this.certificate = certificate;
        this.key = key;
    }

    /** Registers, claims and provisions device {@code id} on {@code cloud} (whose admin password is {@link #PASSWORD}). */
    static TestDevice provision(Cloud cloud, String id) throws Exception {
        String body = "{\"product\":\"" + Seed.DEFAULT_PRODUCT_TOKEN + "\",\"id\":\"" + id + "\"}";
        post(cloud, "/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, body);
        String session = (String) post(cloud, "/manager/login", null,
                "{\"user\":\"admin\",\"password\":\"" + PASSWORD + "\"}").get("token");
        post(cloud, "/manager/claim", session, "{\"id\":\"" + id + "\"}");
        String token = (String) post(cloud, "/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, body).get("token");
        Map<String, Object> p = post(cloud, "/cloud/tok/device/provision", token, "{\"id\":\"" + id + "\"}");
        return new TestDevice(id, (String) p.get("certificate"), (String) p.get("key"));
    }

    private static Map<String, Object> post(Cloud cloud, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "bearer " + bearer);
        }
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + new String(r.body(), UTF_8));
        }
        return Json.parseObject(r.body(), 1 << 20);
    }

    /** Connects to {@code cloud}'s broker (again) and subscribes as the agent does. */
    TestDevice connect(Cloud cloud) throws Exception {
        client = new MqttClient("ssl://127.0.0.1:" + cloud.mqttsPort(), id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setSocketFactory(tls(cloud.authorityPem()).getSocketFactory());
        MqttSubscriptions.connectAndSubscribe(client, options, "ioto/device/" + id + "/#",
                (topic, m) -> received.add(new Message(topic, new String(m.getPayload(), UTF_8))));
        return this;
    }

    /** Publishes at QoS 1 as the agent does; returns once the broker acknowledged it. */
    void publish(String topic, String payload) throws Exception {
        client.publish(topic, payload.getBytes(UTF_8), 1, false);
    }

    /** Publishes to {@code $aws/rules/IotoDevice/ioto/service/{id}/{service}}, Ioto's basic-ingest topic. */
    void ingest(String service, String payload) throws Exception {
        publish("$aws/rules/IotoDevice/ioto/service/" + id + "/" + service, payload);
    }

    /** The next message received, waiting up to 10 s. */
    Message next() throws InterruptedException {
        Message m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message for " + id + " within 10 s");
        }
        return m;
    }

    /** The next message if one comes within {@code millis}, else null. */
    Message poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    String topic(String rest) {
        return "ioto/device/" + id + "/" + rest;
    }

    private SSLContext tls(String authorityPem) throws Exception {
        return DeviceTls.context(certificate, key, authorityPem);
    }

    /** Disconnects, keeping what was received. */
    void disconnect() throws Exception {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public void close() throws Exception {
        disconnect();
    }
}
