package org.openioto.cloud.http;

import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openioto.cloud.pki.Pem;

/** TLS as a provisioned device has it: its certificate and key, trusting the broker by the cloud's CA. */
public final class DeviceTls {

    private DeviceTls() {
    }

    public static SSLContext context(String certificatePem, String keyPem, String authorityPem) throws Exception {
        char[] password = "device".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", Pem.readPrivateKey(keyPem), password,
                new Certificate[] {Pem.readCertificate(certificatePem)});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", Pem.readCertificate(authorityPem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
