package org.openioto.cloud.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.openioto.cloud.pki.CertificateAuthority;
import org.openioto.cloud.pki.IssuedCertificate;
import org.openioto.cloud.pki.Pem;

/** Devices as the tests play them: TLS material from a CA, and Paho clients. */
final class TestClients {

    private static final char[] PASSWORD = "test".toCharArray();

    private TestClients() {
    }

    /** A port free on the loopback interface a moment ago; Moquette needs fixed ports. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A socket factory trusting {@code trusted} and presenting {@code device} (or no certificate if
     * null). {@code protocol} "TLSv1.2" makes a refusal fail fast in Paho (a TLS 1.3 refusal after
     * the handshake leaves its receiver thread spinning).
     */
    static SSLSocketFactory socketFactory(CertificateAuthority trusted, IssuedCertificate device, String protocol)
        throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (device != null) {
            keys.setKeyEntry("device", Pem.readPrivateKey(device.privateKeyPem()), PASSWORD,
                new Certificate[] {Pem.readCertificate(device.certificatePem())});
        }
        kmf.init(keys, PASSWORD);

        SSLContext context = SSLContext.getInstance(protocol);
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    static MqttClient tlsClient(int port, String clientId) throws MqttException {
        return new MqttClient("ssl://127.0.0.1:" + port, clientId, new MemoryPersistence());
    }

    static MqttConnectOptions options(SSLSocketFactory factory) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(factory);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        return options;
    }

    /** Disconnects and frees a client, whatever state it is in. */
    static void closeQuietly(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException ignored) {
            // already gone
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
    }
}
