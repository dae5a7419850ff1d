package org.openioto.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.TimerPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.internal.Mosquitto;
import org.openioto.mqtt.internal.TestPki;
import org.openioto.mqtt.internal.TestPki.Credentials;

/**
 * The failure mode behind TOOLCHAIN P18, and its fix, side by side: a TLS 1.3 broker refuses the
 * client after the handshake. Through the JDK's own socket factory (same trust) Paho 1.2.5's
 * connect fails and its connect thread then polls forever; through {@link TlsSocketFactory}
 * every Paho task ends. The client has no certificate: its last handshake flight (an empty
 * Certificate and Finished) needs no signing and leaves in one write, so the broker's
 * {@code certificate_required} alert always arrives after the handshake, where the race is. (A
 * client certificate from the wrong CA can also be refused during the handshake, when a cold
 * JVM is still signing CertificateVerify; that path never raced.) Paho runs on an executor of daemon threads
 * here, so the one thread the first test strands cannot keep the test JVM alive; it polls
 * every 100 ms until the JVM exits. Should a Paho release fix the race, the first test fails.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PahoConnectHangIT {

    @TempDir
    static Path pkiDir;
    @TempDir
    static Path brokerDir;

    static TestPki pki;
    static Mosquitto broker;
    static int port;

    @BeforeAll
    static void startBroker() throws Exception {
        pki = TestPki.create(pkiDir);
        Credentials server = pki.ca().server("broker", "DNS:localhost", "IP:127.0.0.1");
        broker = new Mosquitto(brokerDir);
        port = broker.addTlsListener(pki.ca().certificate(), server.certificate(), server.key(), true);
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void throughTheJdkSocketFactoryTheConnectThreadPollsForever() throws Exception {
        SocketFactory plain = TlsSocketFactory.context(ClientKeyManager.none(), AuthorityTrustManager.of(pki.ca().certificate()))
                .getSocketFactory();
        ScheduledExecutorService paho = daemons();

        MqttException refusal = refusal(plain, "hang-plain", paho);
        // no client.close(): it cannot end the stuck thread (P18)

        assertThat(refusal.getReasonCode()).isEqualTo(MqttException.REASON_CODE_CONNECTION_LOST);
        paho.shutdown();
        assertThat(paho.awaitTermination(2, TimeUnit.SECONDS)).as("all Paho tasks ended").isFalse();
        List<String> stuck = Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> polling("hang-plain"), threads -> !threads.isEmpty());
        assertThat(stuck).containsExactly("MQTT Con: hang-plain");
    }

    @Test
    void throughTlsSocketFactoryEveryPahoTaskEnds() throws Exception {
        SocketFactory sockets = new TlsSocketFactory(ClientKeyManager.none(), AuthorityTrustManager.of(pki.ca().certificate()), List.of());
        ScheduledExecutorService paho = daemons();

        MqttException refusal = refusal(sockets, "hang-fixed", paho);
        client.close();

        // the alert came after the handshake, and the gate held it back until Paho's CONNECT
        assertThat(TlsException.in(refusal)).hasValueSatisfying(e -> assertThat(e)
                .hasMessage("broker 127.0.0.1:" + port + " refused the client certificate (TLS alert certificate_required)"));
        paho.shutdown();
        assertThat(paho.awaitTermination(5, TimeUnit.SECONDS)).as("all Paho tasks ended").isTrue();
    }

    private MqttAsyncClient client;

    private MqttException refusal(SocketFactory sockets, String clientId, ScheduledExecutorService paho) throws MqttException {
        client = new MqttAsyncClient("ssl://127.0.0.1:" + port, clientId, new MemoryPersistence(),
                new TimerPingSender(), paho);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(sockets);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        return catchThrowableOfType(MqttException.class, () -> client.connect(options).waitForCompletion(15_000));
    }

    /** Threads of this client that sit in one of Paho's start-up polls ({@code Comms*.start}). */
    private static List<String> polling(String clientId) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().endsWith(": " + clientId))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("start")
                        && f.getClassName().startsWith("org.eclipse.paho.client.mqttv3.internal.Comms")))
                .map(e -> e.getKey().getName())
                .toList();
    }

    private static ScheduledExecutorService daemons() {
        return Executors.newScheduledThreadPool(10, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
    }
}
