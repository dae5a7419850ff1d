package org.openioto.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.pki.CertificateAuthority;

/** A device's view in bytes: a JDK TLS socket writing MQTT packets by hand. */
@Timeout(60)
class RawSocketIT {

    /**
     * CONNECT, MQTT 3.1.1, clean session, keep alive 60 s, client id "dev-alpn":
     * 10 14 | 00 04 "MQTT" | 04 | 02 | 00 3c | 00 08 "dev-alpn".
     */
    private static final byte[] CONNECT = HexFormat.of().parseHex(
        "1014" + "00044d515454" + "04" + "02" + "003c" + "0008" + "6465762d616c706e");

    /** CONNACK, no session present, return code 0 (accepted). */
    private static final byte[] CONNACK_ACCEPTED = HexFormat.of().parseHex("20020000");

    @TempDir
    Path dir;

    /** Ioto offers ALPN {@code x-amzn-mqtt-ca}, as AWS IoT wants on port 443; the broker must not mind. */
    @Test
    void clientOfferingAwsAlpnIsAccepted() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir.resolve("ca"));
        int port = TestClients.freePort();
        try (Broker broker = new Broker(new Broker.Config(null, port, 0, dir.resolve("data")), ca, new Received())) {
            var factory = TestClients.socketFactory(ca, ca.issueDevice("dev-alpn", Duration.ofDays(1)), "TLS");
            try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setApplicationProtocols(new String[] {"x-amzn-mqtt-ca"});
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();

                OutputStream out = socket.getOutputStream();
                out.write(CONNECT);
                out.flush();
                byte[] answer = new byte[4];
                new DataInputStream(socket.getInputStream()).readFully(answer);

                assertThat(answer).isEqualTo(CONNACK_ACCEPTED);
                // Moquette may send CONNACK before it lists the client as connected
                await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectedClients().contains("dev-alpn"));
            }
        }
    }

    @Test
    void firstPacketOtherThanConnectClosesTheConnection() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir.resolve("ca"));
        int port = TestClients.freePort();
        // PUBLISH QoS 0 to "a" with payload "hi", before any CONNECT
        byte[] publish = HexFormat.of().parseHex("3005" + "000161" + "6869");
        Received received = new Received();
        try (Broker broker = new Broker(new Broker.Config(null, port, 0, dir.resolve("data")), ca, received)) {
            var factory = TestClients.socketFactory(ca, ca.issueDevice("dev-raw", Duration.ofDays(1)), "TLS");
            try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                socket.getOutputStream().write(publish);
                socket.getOutputStream().flush();

                assertThat(readToEnd(socket)).isEqualTo(-1);
            }
            assertThat(received.messages()).isEmpty();
        }
    }

    /** Reads until the peer closes; returns -1 on a clean end, or throws if the socket was reset. */
    private static int readToEnd(SSLSocket socket) throws java.io.IOException {
        try {
            int b;
            do {
                b = socket.getInputStream().read();
            } while (b != -1);
            return b;
        } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
            return -1; // a TLS alert or a reset also means the broker hung up
        }
    }
}
