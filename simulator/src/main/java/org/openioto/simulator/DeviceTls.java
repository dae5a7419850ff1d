package org.openioto.simulator;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import org.openioto.cloud.pki.Pem;

/** TLS as a provisioned device has it: its own certificate and key, trusting the broker by the cloud's CA only. */
final class DeviceTls {

    private DeviceTls() {
    }

    /**
     * A client context presenting the device's certificate and trusting only {@code authority}.
     *
     * @throws IllegalArgumentException if the certificate or key PEM cannot be read
     * @throws SSLException if the JDK cannot build the context
     */
    static SslContext context(Credentials device, X509Certificate authority) throws SSLException {
        return SslContextBuilder.forClient()
                .keyManager(Pem.readPrivateKey(device.keyPem()), Pem.readCertificate(device.certificatePem()))
                .trustManager(authority)
                .build();
    }
}
