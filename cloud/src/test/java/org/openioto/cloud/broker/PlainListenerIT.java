package org.openioto.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.pki.CertificateAuthority;

@Timeout(60)
class PlainListenerIT {

    @TempDir
    Path dir;

    @Test
    void plainListenerServesWhenEnabled() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir.resolve("ca"));
        Received received = new Received();
        int plainPort = TestClients.freePort();
        var config = new Broker.Config("127.0.0.1", TestClients.freePort(), plainPort, dir.resolve("data"));
        try (Broker broker = new Broker(config, ca, received)) {
            MqttClient tool = new MqttClient("tcp://127.0.0.1:" + plainPort, "tool-1", new MemoryPersistence());
            try {
                tool.connect(new MqttConnectOptions());
                tool.publish("ioto/service/tool-1/test/ping", new byte[] {42}, 1, false);
                await().atMost(Duration.ofSeconds(10)).until(() -> !received.messages().isEmpty());
                assertThat(received.messages()).containsExactly(
                    new Received.Message("tool-1", "ioto/service/tool-1/test/ping", "*"));
            } finally {
                TestClients.closeQuietly(tool);
            }
        }
    }

    @Test
    void noPlainListenerWhenOff() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir.resolve("ca"));
        int tlsPort = TestClients.freePort();
        // Moquette's default plain port, which it opens unless told not to; someone else may hold it
        assumeThatThrownBy(() -> connect(1883)).isInstanceOf(ConnectException.class);
        try (Broker broker = new Broker(new Broker.Config("127.0.0.1", tlsPort, 0, dir.resolve("data")), ca, new Received())) {
            assertThat(canConnect(tlsPort)).isTrue();
            assertThatThrownBy(() -> connect(1883)).isInstanceOf(ConnectException.class);
            broker.close(); // and again by try-with-resources: the second does nothing
            assertThatThrownBy(() -> connect(tlsPort)).isInstanceOf(ConnectException.class);
        }
        // persistence went where it was told, not into the working directory
        assertThat(dir.resolve("data")).isDirectory();
    }

    private static boolean canConnect(int port) throws IOException {
        connect(port);
        return true;
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }
}
