package org.openioto.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openioto.cloud.broker.TestClients.closeQuietly;
import static org.openioto.cloud.broker.TestClients.options;
import static org.openioto.cloud.broker.TestClients.socketFactory;
import static org.openioto.cloud.broker.TestClients.tlsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.MqttSubscriptions;
import org.openioto.cloud.pki.CertificateAuthority;

@Timeout(60)
class TopicAuthorisationIT {

    @TempDir
    Path dir;

    CertificateAuthority ca;
    Received received = new Received();
    Broker broker;
    int port;
    List<MqttClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.open(dir.resolve("ca"));
        port = TestClients.freePort();
        broker = new Broker(new Broker.Config("127.0.0.1", port, 0, dir.resolve("data")), ca, received);
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClients::closeQuietly);
        broker.close();
    }

    @Test
    void publishToAnotherDevicesTopicReachesNeitherCloudNorThatDevice() throws Exception {
        List<String> victimGot = new CopyOnWriteArrayList<>();
        MqttClient victim = connect("dev-f");
        victim.subscribe("ioto/device/dev-f/#", 0, (topic, message) -> victimGot.add(topic));
        MqttClient attacker = connect("dev-e");

        // QoS 0: Moquette answers a refused QoS 1 publish with nothing at all, which would stall Paho
        attacker.publish("ioto/device/dev-f/provision/release", bytes("0"), 0, false);
        attacker.publish("ioto/service/dev-f/x", bytes("x"), 0, false);
        attacker.publish("$aws/rules/IotoDevice/ioto/service/dev-f/db/syncToDynamo", bytes("x"), 0, false);
        // then one allowed publish: the broker handles a client's publishes in order
        attacker.publish("ioto/service/dev-e/test/ping", bytes("done"), 0, false);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.topics().contains("ioto/service/dev-e/test/ping"));
        assertThat(received.topics()).containsExactly("ioto/service/dev-e/test/ping");
        assertThat(victimGot).isEmpty();
        assertThat(attacker.isConnected()).isTrue();
    }

    @Test
    void subscriptionToAnotherDevicesTopicIsRefusedInSuback() throws Exception {
        MqttClient device = connect("dev-g");

        assertThat(grantedQos(device, "ioto/device/dev-h/#")).isEqualTo(0x80);
        assertThat(grantedQos(device, "#")).isEqualTo(0x80);
        assertThat(grantedQos(device, "ioto/account/+/#")).isEqualTo(0x80);
        assertThat(grantedQos(device, "ioto/account/1/#")).as("no account of its own").isEqualTo(0x80);
        assertThat(grantedQos(device, "ioto/device/dev-g/#")).isEqualTo(1);
        assertThat(grantedQos(device, "ioto/account/all/#")).isEqualTo(1);
    }

    @Test
    void cloudPublishToOneDeviceDoesNotReachAnother() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        connect("dev-i").subscribe("ioto/device/dev-i/#", 1, (topic, message) -> got.add("dev-i:" + topic));
        connect("dev-j").subscribe("ioto/device/dev-j/#", 1, (topic, message) -> got.add("dev-j:" + topic));

        broker.publish("ioto/device/dev-j/x", bytes("1"), 1, false);
        broker.publish("ioto/device/dev-i/y", bytes("2"), 1, false);

        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 2);
        assertThat(got).containsExactlyInAnyOrder("dev-j:ioto/device/dev-j/x", "dev-i:ioto/device/dev-i/y");
    }

    private int grantedQos(MqttClient client, String filter) throws MqttException {
        try {
            IMqttToken token = client.subscribeWithResponse(filter, 1);
            return token.getGrantedQos()[0];
        } catch (MqttException e) {
            // Paho reports a 0x80 grant as this exception
            if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
                return 0x80;
            }
            throw e;
        }
    }

    private MqttClient connect(String id) throws Exception {
        MqttClient client = tlsClient(port, id);
        clients.add(client);
        // a first subscription the broker grants, so that the test's own come after the connection settled
        MqttSubscriptions.connectAndSubscribe(client, options(socketFactory(ca, ca.issueDevice(id, Duration.ofDays(1)), "TLS")),
                "ioto/device/" + id + "/ready", (topic, message) -> { });
        return client;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
