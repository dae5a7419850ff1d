package org.openioto.mqtt.internal.tls;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies server certificates against the certificates of one authority file, the only trust
 * anchors, with the JDK's PKIX validation; host names are checked by the socket's HTTPS endpoint
 * identification. A refusal says whether the certificate is not trusted or does not match the
 * host. It never trusts a client: it is for the client side of a connection only.
 */
final class AuthorityTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager pkix;
    private final Path authority;

    private AuthorityTrustManager(X509ExtendedTrustManager pkix, Path authority) {
        this.pkix = pkix;
        this.authority = authority;
    }

    /** A trust manager whose only anchors are the certificates in {@code authority}. */
    static AuthorityTrustManager of(Path authority) throws TlsException {
        List<X509Certificate> anchors = PemFiles.certificates(authority, "authority");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("authority-" + i, anchors.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x) {
                    return new AuthorityTrustManager(x, authority);
                }
            }
            throw new TlsException("the JDK offers no PKIX X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsException("authority file " + authority + " cannot be used as trust anchors: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw explain(chain, authType, host(socket), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw explain(chain, authType, engine == null ? null : engine.getPeerHost(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw explain(chain, authType, null, e);
        }
    }

    /** Tells an untrusted chain from a trusted one that names another host. */
    private CertificateException explain(X509Certificate[] chain, String authType, String host, CertificateException e) {
        String subject = chain == null || chain.length == 0 ? "(none)" : chain[0].getSubjectX500Principal().getName();
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException untrusted) {
            return new CertificateException("server certificate " + subject + " is not trusted by authority file "
                    + authority + ": " + e.getMessage(), e);
        }
        String names = "";
        try {
            names = chain[0].getSubjectAlternativeNames() == null ? "none" : chain[0].getSubjectAlternativeNames().toString();
        } catch (CertificateException ignored) {
            names = "unreadable";
        }
        return new CertificateException("server certificate " + subject + " does not match host " + host
                + " (its subject alternative names: " + names + "): " + e.getMessage(), e);
    }

    private static String host(Socket socket) {
        return socket instanceof SSLSocket s && s.getHandshakeSession() != null ? s.getHandshakeSession().getPeerHost() : null;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a device's TLS client trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a device's TLS client trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a device's TLS client trusts no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
