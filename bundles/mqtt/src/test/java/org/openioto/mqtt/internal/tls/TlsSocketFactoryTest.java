package org.openioto.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.internal.TestPki;
import org.openioto.mqtt.internal.TestPki.Credentials;

/** What the factory's sockets keep whatever Paho sets on them, and how it reports bad files. */
class TlsSocketFactoryTest {

    static final List<String> ALPN = List.of("x-amzn-mqtt-ca");

    @TempDir
    static Path dir;
    static TestPki pki;
    static Credentials device;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(dir);
        device = pki.ca().client("device");
    }

    @Test
    void socketsKeepAlpnAndHostVerificationThroughWhatPahoSets() throws Exception {
        SSLSocketFactory factory = TlsSocketFactory.create(device.certificate(), device.key(), pki.ca().certificate(), ALPN);

        try (SSLSocket socket = (SSLSocket) factory.createSocket()) {
            actLikePaho(socket);

            SSLParameters after = socket.getSSLParameters();
            assertThat(after.getApplicationProtocols()).containsExactly("x-amzn-mqtt-ca");
            assertThat(after.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
            assertThat(after.getServerNames()).containsExactly(new SNIHostName("broker.example.com"));
        }
    }

    @Test
    void aPlainJdkSocketLosesAlpnThroughWhatPahoSets() throws Exception {
        SSLSocketFactory plain = TlsSocketFactory.context(ClientKeyManager.of(device.certificate(), device.key()),
                AuthorityTrustManager.of(pki.ca().certificate())).getSocketFactory();

        try (SSLSocket socket = (SSLSocket) plain.createSocket()) {
            SSLParameters alpn = socket.getSSLParameters();
            alpn.setApplicationProtocols(ALPN.toArray(String[]::new));
            socket.setSSLParameters(alpn);

            actLikePaho(socket);

            assertThat(socket.getSSLParameters().getApplicationProtocols()).isEmpty();
        }
    }

    @Test
    void hostVerificationCannotBeSwitchedOff() throws Exception {
        SSLSocketFactory factory = TlsSocketFactory.create(device.certificate(), device.key(), pki.ca().certificate(), List.of());

        try (SSLSocket socket = (SSLSocket) factory.createSocket()) {
            SSLParameters off = socket.getSSLParameters();
            off.setEndpointIdentificationAlgorithm("");
            socket.setSSLParameters(off);

            assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
            assertThat(socket.getSSLParameters().getApplicationProtocols()).isEmpty();
        }
    }

    @Test
    void reportsAKeyThatDoesNotMatchTheCertificate() throws Exception {
        Credentials other = pki.ca().client("other");

        assertThatThrownBy(() -> TlsSocketFactory.create(device.certificate(), other.key(), pki.ca().certificate(), ALPN))
                .isInstanceOf(TlsException.class)
                .hasMessage("private key file " + other.key() + " does not match certificate file " + device.certificate());
    }

    @Test
    void reportsAMissingOrEmptyAuthorityFile() throws Exception {
        Path missing = dir.resolve("aws.crt");
        Path empty = Files.createFile(dir.resolve("empty.crt"));

        assertThatThrownBy(() -> TlsSocketFactory.create(device.certificate(), device.key(), missing, ALPN))
                .hasMessage("authority file " + missing + " does not exist");
        assertThatThrownBy(() -> TlsSocketFactory.create(device.certificate(), device.key(), empty, ALPN))
                .hasMessage("authority file " + empty + " is not a PEM file (no -----BEGIN block)");
    }

    /** What Paho 1.2.5's SSLNetworkModule.start() does before the handshake (hostname verification on). */
    private static void actLikePaho(SSLSocket socket) {
        socket.setEnabledCipherSuites(socket.getSupportedCipherSuites());
        SSLParameters sni = new SSLParameters();
        sni.setServerNames(List.of(new SNIHostName("broker.example.com")));
        socket.setSSLParameters(sni);
        SSLParameters https = new SSLParameters();
        https.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(https);
    }
}
