package org.openioto.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.Qos;

/** The connection component over mutual TLS to a real Mosquitto, with a CA made by the test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionTlsIT {

    @TempDir
    Path pkiDir;

    @TempDir
    Path brokerDir;

    @TempDir
    Path stateDir;

    private TestPki pki;
    private Mosquitto broker;
    private int tlsPort;
    private PahoMqttConnection mqtt;
    private final RecordingLogs logs = new RecordingLogs();

    @BeforeEach
    void start() throws Exception {
        pki = TestPki.create(pkiDir);
        TestPki.Credentials server = pki.ca().server("broker", "IP:127.0.0.1", "DNS:localhost");
        broker = new Mosquitto(brokerDir);
        tlsPort = broker.addTlsListener(pki.ca().certificate(), server.certificate(), server.key(), true);
        broker.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (mqtt != null) {
            mqtt.deactivate();
        }
        broker.close();
    }

    private PahoMqttConnection connect(TestPki.Credentials client, Path authority) {
        return new PahoMqttConnection(Configs.mqtt(stateDir, "endpoint", "mqtts://127.0.0.1:" + tlsPort,
                "certificate", client.certificate().toString(), "key", client.key().toString(),
                "authority", authority.toString(), "backoffMax", "1 sec"), Configs.identity("TLSDEVICE"), logs.factory());
    }

    @Test
    void connectsWithItsCertificateAndDeliversQos1() throws Exception {
        try (PahoPeer cloud = new PahoPeer(broker.uri(), "cloud").subscribe("tls/#", 1)) {
            mqtt = connect(pki.ca().client("TLSDEVICE"), pki.ca().certificate());
            await().atMost(Duration.ofSeconds(20)).until(() -> mqtt.status().state().equals("connected"));
            mqtt.publish("tls/hello", "over mTLS".getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false)
                    .acknowledged().toCompletableFuture().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> cloud.texts().contains("over mTLS"));
        }
        assertThat(logs.lines).contains("mqtt: info: Connected to mqtt: 127.0.0.1:" + tlsPort);
    }

    @Test
    void aCertificateTheBrokerRefusesIsAClearErrorAndMessagesWait() throws Exception {
        mqtt = connect(pki.otherCa().client("TLSDEVICE"), pki.ca().certificate());
        mqtt.publish("tls/later", new byte[] {1}, Qos.AT_LEAST_ONCE, false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mqtt.status().lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("client certificate")));
        assertThat(mqtt.status().state()).isNotEqualTo("connected");
        assertThat(mqtt.status().queued()).isEqualTo(1);
    }

    @Test
    void aBrokerNotSignedByTheAuthorityIsRefused() throws Exception {
        mqtt = connect(pki.ca().client("TLSDEVICE"), pki.otherCa().certificate());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mqtt.status().lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("not trusted")));
        assertThat(mqtt.status().state()).isNotEqualTo("connected");
    }
}
