package org.openioto.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The messages for the JDK's TLS failures, from the exceptions the JDK 17 actually throws. */
class TlsFailuresTest {

    static final String PEER = "broker.example.com:443";
    static final List<String> ALPN = List.of("x-amzn-mqtt-ca");

    @Test
    void aCertificateAlertFromTheBrokerMeansItRefusedTheClientCertificate() {
        for (String alert : List.of("bad_certificate", "unknown_ca", "certificate_required", "certificate_expired")) {
            IOException jdk = new SSLHandshakeException("Received fatal alert: " + alert);

            assertThat(TlsFailures.explain(jdk, PEER, ALPN)).isInstanceOf(TlsException.class).hasCause(jdk)
                    .hasMessage("broker broker.example.com:443 refused the client certificate (TLS alert " + alert + ")");
        }
    }

    @Test
    void noApplicationProtocolNamesTheOfferedProtocols() {
        IOException jdk = new SSLHandshakeException("Received fatal alert: no_application_protocol");

        assertThat(TlsFailures.explain(jdk, PEER, ALPN)).hasMessage(
                "broker broker.example.com:443 accepts none of the offered ALPN protocols [x-amzn-mqtt-ca] (TLS alert no_application_protocol)");
    }

    @Test
    void aRefusedServerCertificateKeepsTheTrustManagersWords() {
        IOException jdk = new SSLHandshakeException("PKIX path building failed");
        jdk.initCause(new CertificateException("server certificate CN=x is not trusted by authority file /a.crt: PKIX"));

        assertThat(TlsFailures.explain(jdk, PEER, ALPN))
                .hasMessage("refused broker broker.example.com:443: server certificate CN=x is not trusted by authority file /a.crt: PKIX");
    }

    @Test
    void otherTlsFailuresNameThePeer() {
        IOException jdk = new SSLHandshakeException("Received fatal alert: handshake_failure");

        assertThat(TlsFailures.explain(jdk, PEER, ALPN))
                .hasMessage("TLS connection to broker.example.com:443 failed: Received fatal alert: handshake_failure");
    }

    @Test
    void plainSocketFailuresAndExplainedOnesPassUnchanged() {
        IOException reset = new SocketException("Connection reset");
        IOException explained = new TlsException("already clear");

        assertThat(TlsFailures.explain(reset, PEER, ALPN)).isSameAs(reset);
        assertThat(TlsFailures.explain(explained, PEER, ALPN)).isSameAs(explained);
    }

    @Test
    void aConnectionBrokenAfterTheCertificateRequestIsAProbableRefusal() {
        assertThat(TlsFailures.closedAfterCertificateRequest(new SocketException("Broken pipe"), PEER)).hasMessage(
                "broker broker.example.com:443 asked for the client certificate and closed the connection before sending"
                        + " anything: it most likely refused the client certificate, or did not authorize the connection (Broken pipe)");
    }

    @Test
    void theExplanationIsFoundInPahosCauseChain() {
        TlsException clear = new TlsException("clear");
        Exception paho = new Exception("Connection lost (32109)", new IOException("wrapper", clear));

        assertThat(TlsException.in(paho)).containsSame(clear);
        assertThat(TlsException.in(new SSLException("Received fatal alert: unknown_ca"))).isEmpty();
    }
}
