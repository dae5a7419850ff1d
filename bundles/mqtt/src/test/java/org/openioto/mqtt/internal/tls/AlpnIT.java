package org.openioto.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
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
import org.openioto.mqtt.internal.Mosquitto;
import org.openioto.mqtt.internal.TestPki;
import org.openioto.mqtt.internal.TestPki.Credentials;

/**
 * ALPN through Paho 1.2.5: behind an {@link AlpnGateway} that admits only clients offering
 * {@code x-amzn-mqtt-ca} (as AWS IoT on port 443 does) is a real mosquitto. Paho with
 * {@link TlsSocketFactory} gets through; a factory that merely sets ALPN on the sockets it
 * creates is refused, because Paho replaces the socket's SSLParameters before the handshake
 * (paho.mqtt.java #858).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlpnIT {

    @TempDir
    static Path pkiDir;
    @TempDir
    static Path brokerDir;

    static TestPki pki;
    static Credentials device;
    static Mosquitto broker;
    static AlpnGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(pkiDir);
        device = pki.ca().client("device-alpn");
        broker = new Mosquitto(brokerDir).start();
        gateway = new AlpnGateway(pki.ca().server("gateway", "DNS:localhost", "IP:127.0.0.1"), broker.port());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        broker.close();
    }

    @Test
    void pahoOffersTheConfiguredProtocolAndPublishesThroughTheGateway() throws Exception {
        SSLSocketFactory sockets = TlsSocketFactory.create(device.certificate(), device.key(), pki.ca().certificate(),
                List.of(AlpnGateway.PROTOCOL));
        int before = gateway.offered().size();

        MqttAsyncClient client = PahoClients.connect("ssl://127.0.0.1:" + gateway.port(), "alpn-fixed", sockets);
        PahoClients.roundTrip(client, "ioto/device/alpn-fixed/echo");
        PahoClients.close(client);

        assertThat(gateway.offered().subList(before, gateway.offered().size())).containsExactly("[x-amzn-mqtt-ca]");
        PahoClients.awaitNoThreads("alpn-fixed");
    }

    @Test
    void withoutTheFixPahoClearsAlpnAndTheGatewayRefuses() throws Exception {
        SSLSocketFactory naive = new AlpnOnCreation(TlsSocketFactory.context(ClientKeyManager.of(device.certificate(), device.key()),
                AuthorityTrustManager.of(pki.ca().certificate())).getSocketFactory(), AlpnGateway.PROTOCOL);
        try (SSLSocket unconnected = (SSLSocket) naive.createSocket()) {
            assertThat(unconnected.getSSLParameters().getApplicationProtocols()).containsExactly(AlpnGateway.PROTOCOL);
        }
        int before = gateway.offered().size();

        MqttException refusal = PahoClients.refusal("ssl://127.0.0.1:" + gateway.port(), "alpn-naive", naive);

        // the gateway notes the refusal after sending its alert: the client may be quicker
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(gateway.offered().subList(before, gateway.offered().size())).containsExactly("none"));
        assertThat(refusal).hasRootCauseMessage("Received fatal alert: handshake_failure");
        PahoClients.awaitNoThreads("alpn-naive");
    }

    @Test
    void offeringOnlyOtherProtocolsIsRefusedWithAClearMessage() throws Exception {
        SSLSocketFactory sockets = TlsSocketFactory.create(device.certificate(), device.key(), pki.ca().certificate(),
                List.of("mqtt"));

        MqttException refusal = PahoClients.refusal("ssl://127.0.0.1:" + gateway.port(), "alpn-other", sockets);

        assertThat(TlsException.in(refusal)).hasValueSatisfying(e -> assertThat(e.getMessage()).isEqualTo("broker 127.0.0.1:"
                + gateway.port() + " accepts none of the offered ALPN protocols [mqtt] (TLS alert no_application_protocol)"));
        PahoClients.awaitNoThreads("alpn-other");
    }

    /** The usual workaround that #858 shows does not survive Paho: set ALPN on each new socket. */
    private static final class AlpnOnCreation extends SSLSocketFactory {
        private final SSLSocketFactory sockets;
        private final String protocol;

        AlpnOnCreation(SSLSocketFactory sockets, String protocol) {
            this.sockets = sockets;
            this.protocol = protocol;
        }

        private Socket alpn(Socket socket) {
            SSLParameters parameters = ((SSLSocket) socket).getSSLParameters();
            parameters.setApplicationProtocols(new String[] {protocol});
            ((SSLSocket) socket).setSSLParameters(parameters);
            return socket;
        }

        @Override public Socket createSocket() throws IOException { return alpn(sockets.createSocket()); }
        @Override public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return alpn(sockets.createSocket(s, host, port, autoClose));
        }
        @Override public Socket createSocket(String host, int port) throws IOException { return alpn(sockets.createSocket(host, port)); }
        @Override public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return alpn(sockets.createSocket(host, port, local, localPort));
        }
        @Override public Socket createSocket(InetAddress host, int port) throws IOException { return alpn(sockets.createSocket(host, port)); }
        @Override public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return alpn(sockets.createSocket(host, port, local, localPort));
        }
        @Override public String[] getDefaultCipherSuites() { return sockets.getDefaultCipherSuites(); }
        @Override public String[] getSupportedCipherSuites() { return sockets.getSupportedCipherSuites(); }
    }
}
