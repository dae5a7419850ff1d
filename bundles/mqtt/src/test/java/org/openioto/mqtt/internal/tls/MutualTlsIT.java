package org.openioto.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openioto.mqtt.internal.Mosquitto;
import org.openioto.mqtt.internal.TestPki;
import org.openioto.mqtt.internal.TestPki.Credentials;
import org.openioto.mqtt.internal.TestPki.KeyFormat;

/**
 * Paho 1.2.5 with {@link TlsSocketFactory} against mosquitto listeners that require a client
 * certificate from the test CA, over TLS 1.3: the right certificate works, refusals either way
 * fail the connect with a message that says who refused what, and leave no Paho thread behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MutualTlsIT {

    @TempDir
    static Path pkiDir;
    @TempDir
    static Path brokerDir;

    static TestPki pki;
    static Mosquitto broker;
    static int port;
    static int foreignPort;
    static int misnamedPort;

    @BeforeAll
    static void startBroker() throws Exception {
        pki = TestPki.create(pkiDir);
        Credentials server = pki.ca().server("broker", "DNS:localhost", "IP:127.0.0.1");
        Credentials foreign = pki.otherCa().server("foreign-broker", "DNS:localhost", "IP:127.0.0.1");
        Credentials misnamed = pki.ca().server("misnamed-broker", "DNS:broker.example.com");
        broker = new Mosquitto(brokerDir);
        port = broker.addTlsListener(pki.ca().certificate(), server.certificate(), server.key(), true);
        foreignPort = broker.addTlsListener(pki.ca().certificate(), foreign.certificate(), foreign.key(), true);
        misnamedPort = broker.addTlsListener(pki.ca().certificate(), misnamed.certificate(), misnamed.key(), true);
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void publishesAndReceivesAtQos1WithTheClientCertificate(KeyFormat format) throws Exception {
        String id = "device-" + format;
        Credentials device = pki.ca().client(id, format);
        SSLSocketFactory sockets = TlsSocketFactory.create(device.certificate(), device.key(), pki.ca().certificate(), List.of());

        MqttAsyncClient client = PahoClients.connect("ssl://localhost:" + port, id, sockets);
        PahoClients.roundTrip(client, "ioto/device/" + id + "/echo");
        PahoClients.close(client);

        // use_identity_as_username: the broker saw the certificate's CN
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> broker.log().contains("u'" + id + "'"));
        PahoClients.awaitNoThreads(id);
    }

    @Test
    void negotiatesTls13() throws Exception {
        Credentials device = pki.ca().client("device-2");
        SSLSocketFactory sockets = TlsSocketFactory.create(device.certificate(), device.key(), pki.ca().certificate(), List.of());
        try (SSLSocket socket = (SSLSocket) sockets.createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void aClientCertificateFromAnotherAuthorityIsRefusedClearlyAndLeavesNoThread() throws Exception {
        Credentials intruder = pki.otherCa().client("intruder");
        SSLSocketFactory sockets = TlsSocketFactory.create(intruder.certificate(), intruder.key(), pki.ca().certificate(), List.of());

        MqttException refusal = PahoClients.refusal("ssl://127.0.0.1:" + port, "intruder", sockets);

        assertRefusedCertificate(refusal, "unknown_ca");
        PahoClients.awaitNoThreads("intruder");
    }

    @Test
    void aClientWithoutCertificateIsRefusedClearlyAndLeavesNoThread() throws Exception {
        TlsSocketFactory sockets = new TlsSocketFactory(ClientKeyManager.none(), AuthorityTrustManager.of(pki.ca().certificate()), List.of());

        MqttException refusal = PahoClients.refusal("ssl://127.0.0.1:" + port, "anonymous", sockets);

        assertRefusedCertificate(refusal, "certificate_required");
        PahoClients.awaitNoThreads("anonymous");
    }

    /**
     * The broker checks the certificate as soon as it arrives, sends an alert and closes. A client
     * that has finished its handshake reads that alert; a client still writing its handshake (a
     * cold JVM is slow to sign) meets the closed connection first and never sees the alert.
     */
    private static void assertRefusedCertificate(MqttException refusal, String alert) {
        assertThat(TlsException.in(refusal)).hasValueSatisfying(e -> assertThat(e.getMessage()).isIn(
                "broker 127.0.0.1:" + port + " refused the client certificate (TLS alert " + alert + ")",
                "broker 127.0.0.1:" + port + " asked for the client certificate and closed the connection before sending"
                        + " anything: it most likely refused the client certificate, or did not authorize the connection ("
                        + e.getCause().getMessage() + ")"));
    }

    @Test
    void aServerCertificateFromAnotherAuthorityIsRefused() throws Exception {
        Credentials device = pki.ca().client("device-3");
        SSLSocketFactory sockets = TlsSocketFactory.create(device.certificate(), device.key(), pki.ca().certificate(), List.of());

        MqttException refusal = PahoClients.refusal("ssl://127.0.0.1:" + foreignPort, "device-3", sockets);

        assertThat(TlsException.in(refusal)).hasValueSatisfying(e -> assertThat(e.getMessage())
                .startsWith("refused broker 127.0.0.1:" + foreignPort + ": server certificate CN=foreign-broker is not trusted by authority file "
                        + pki.ca().certificate()));
        PahoClients.awaitNoThreads("device-3");
    }

    @Test
    void aServerCertificateForAnotherHostIsRefused() throws Exception {
        Credentials device = pki.ca().client("device-4");
        SSLSocketFactory sockets = TlsSocketFactory.create(device.certificate(), device.key(), pki.ca().certificate(), List.of());

        MqttException refusal = PahoClients.refusal("ssl://127.0.0.1:" + misnamedPort, "device-4", sockets);

        assertThat(TlsException.in(refusal)).hasValueSatisfying(e -> assertThat(e.getMessage())
                .startsWith("refused broker 127.0.0.1:" + misnamedPort + ": server certificate CN=misnamed-broker does not match host 127.0.0.1")
                .contains("broker.example.com"));
        PahoClients.awaitNoThreads("device-4");
    }
}
