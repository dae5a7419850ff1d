package org.openioto.cloud.broker;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.openioto.cloud.pki.CertificateAuthority;
import org.openioto.cloud.pki.IssuedCertificate;
import org.openioto.cloud.pki.Pem;

/** Builds the broker's TLS server context in memory: no keystore files, no passwords. */
final class ServerTls {

    private ServerTls() {
    }

    /** A context presenting a fresh CA-signed server certificate and requiring a client certificate of the CA. */
    static SslContext context(CertificateAuthority ca, String bindAddress, Duration lifetime) throws IOException {
        IssuedCertificate server = ca.issueServer(bindAddress, lifetime);
        PrivateKey key = Pem.readPrivateKey(server.privateKeyPem());
        X509Certificate certificate = Pem.readCertificate(server.certificatePem());
        try {
            return SslContextBuilder.forServer(key, certificate, ca.certificate())
                .trustManager(ca.certificate())
                .clientAuth(ClientAuth.REQUIRE)
                .sslProvider(SslProvider.JDK)
                .build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("Cannot set up the broker's TLS: " + e.getMessage(), e);
        }
    }
}
