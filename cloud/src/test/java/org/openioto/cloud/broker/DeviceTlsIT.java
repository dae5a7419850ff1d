package org.openioto.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.openioto.cloud.broker.TestClients.closeQuietly;
import static org.openioto.cloud.broker.TestClients.options;
import static org.openioto.cloud.broker.TestClients.socketFactory;
import static org.openioto.cloud.broker.TestClients.tlsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.MqttSubscriptions;
import org.openioto.cloud.broker.Received.Message;
import org.openioto.cloud.pki.CertificateAuthority;
import org.openioto.cloud.pki.IssuedCertificate;
import org.openioto.cloud.pki.Pem;

@Timeout(60)
class DeviceTlsIT {

    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    static Path dir;

    static CertificateAuthority ca;
    static Received received = new Received();
    static Broker broker;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        ca = CertificateAuthority.open(dir.resolve("ca"));
        port = TestClients.freePort();
        broker = new Broker(new Broker.Config("127.0.0.1", port, 0, dir.resolve("data")), ca, received);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void deviceWithItsCertificatePublishesAndTheCloudReceives() throws Exception {
        MqttClient device = tlsClient(port, "dev-a");
        try {
            device.connect(options(socketFactory(ca, ca.issueDevice("dev-a", DAY), "TLS")));
            // Moquette may list a client a moment after its CONNACK
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectedClients().contains("dev-a"));

            device.publish("$aws/rules/IotoDevice/ioto/service/dev-a/db/syncToDynamo", bytes("batch"), 1, false);
            device.publish("ioto/service/dev-a/test/ping", new byte[0], 1, false);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.messages().size() >= 2);
            assertThat(received.messages()).contains(
                new Message("dev-a", "$aws/rules/IotoDevice/ioto/service/dev-a/db/syncToDynamo", "batch"),
                new Message("dev-a", "ioto/service/dev-a/test/ping", ""));
        } finally {
            closeQuietly(device);
        }
    }

    @Test
    void deviceReceivesWhatTheCloudPublishesToIt() throws Exception {
        MqttClient device = tlsClient(port, "dev-b");
        List<String> arrived = new CopyOnWriteArrayList<>();
        try {
            MqttSubscriptions.connectAndSubscribe(device, options(socketFactory(ca, ca.issueDevice("dev-b", DAY), "TLS")),
                "ioto/device/dev-b/#", (topic, message) ->
                arrived.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8)));

            broker.publish("ioto/device/dev-b/x", bytes("hello"), 1, false);

            await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains("ioto/device/dev-b/x=hello"));
        } finally {
            closeQuietly(device);
        }
    }

    @Test
    void deviceWithCsrSignedCertificateConnects() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=whatever"), pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        String csrPem = "-----BEGIN CERTIFICATE REQUEST-----\n"
            + Base64.getMimeEncoder().encodeToString(csr.getEncoded()) + "\n-----END CERTIFICATE REQUEST-----\n";
        var credentials = new IssuedCertificate(ca.signDevice("dev-csr", csrPem, DAY), Pem.privateKey(pair.getPrivate()));

        MqttClient device = tlsClient(port, "dev-csr");
        try {
            device.connect(options(socketFactory(ca, credentials, "TLS")));
            // Moquette may list a client a moment after its CONNACK
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectedClients().contains("dev-csr"));
        } finally {
            closeQuietly(device);
        }
    }

    @Test
    void messagesUpTo128KiBPassBothWays() throws Exception {
        byte[] big = new byte[120 * 1024]; // above Moquette's default limit of 8092 bytes
        java.util.Arrays.fill(big, (byte) 'x');
        MqttClient device = tlsClient(port, "dev-big");
        List<Integer> arrived = new CopyOnWriteArrayList<>();
        try {
            MqttSubscriptions.connectAndSubscribe(device, options(socketFactory(ca, ca.issueDevice("dev-big", DAY), "TLS")),
                "ioto/device/dev-big/#", (topic, message) -> arrived.add(message.getPayload().length));

            device.publish("ioto/service/dev-big/db/sync", big, 1, false);
            broker.publish("ioto/device/dev-big/sync/SYNCDOWN", big, 1, false);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.messages().stream()
                .anyMatch(m -> m.clientId().equals("dev-big") && m.payload().length() == big.length));
            await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains(big.length));
        } finally {
            closeQuietly(device);
        }
    }

    @Test
    void retainedCloudPublishReachesALaterSubscriber() throws Exception {
        broker.publish("ioto/device/dev-late/provision/release", bytes("0"), 1, true);
        MqttClient device = tlsClient(port, "dev-late");
        List<String> arrived = new CopyOnWriteArrayList<>();
        try {
            MqttSubscriptions.connectAndSubscribe(device, options(socketFactory(ca, ca.issueDevice("dev-late", DAY), "TLS")),
                "ioto/device/dev-late/#", (topic, message) -> arrived.add(topic));

            await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains("ioto/device/dev-late/provision/release"));
        } finally {
            closeQuietly(device);
        }
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        MqttClient anonymous = tlsClient(port, "dev-nocert");
        try {
            assertThatThrownBy(() -> anonymous.connect(options(socketFactory(ca, null, "TLSv1.2"))))
                .isInstanceOf(MqttException.class);
        } finally {
            closeQuietly(anonymous);
        }
        assertThat(broker.connectedClients()).doesNotContain("dev-nocert");
    }

    @Test
    void certificateOfAnotherDeviceIsRefused() throws Exception {
        MqttClient impostor = tlsClient(port, "dev-victim");
        try {
            var factory = socketFactory(ca, ca.issueDevice("dev-impostor", DAY), "TLSv1.2");
            assertThatThrownBy(() -> impostor.connect(options(factory))).isInstanceOf(MqttException.class);
        } finally {
            closeQuietly(impostor);
        }
        assertThat(broker.connectedClients()).doesNotContain("dev-victim", "dev-impostor");
    }

    @Test
    void certificateOfAnotherCaIsRefused() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.open(dir.resolve("stranger"));
        MqttClient device = tlsClient(port, "dev-stranger");
        try {
            // trusts our broker, but presents a certificate our CA never issued
            var factory = socketFactory(ca, stranger.issueDevice("dev-stranger", DAY), "TLSv1.2");
            assertThatThrownBy(() -> device.connect(options(factory))).isInstanceOf(MqttException.class);
        } finally {
            closeQuietly(device);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
