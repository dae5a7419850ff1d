package org.openioto.mqtt.internal.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Makes the device's TLS client sockets for Paho: client certificate and key from PEM files,
 * the certificates of one authority file as the only trust anchors, server certificate and host
 * name always verified, and the configured ALPN protocols always offered. TLS 1.3 and 1.2 are
 * both enabled. Every socket is a {@link TlsSocket}; see there and {@link FirstWriteGate} for
 * how it keeps ALPN through Paho and avoids Paho's connect hang on a refused certificate.
 *
 * <p>Use with {@code MqttConnectOptions.setSocketFactory} and an {@code ssl://host:port} URI.
 * Thread-safe; one factory serves any number of connections. Failures of the TLS connection
 * reach Paho's {@code MqttException} as a cause, a {@link TlsException} that
 * {@link TlsException#in(Throwable)} finds.
 */
public final class TlsSocketFactory extends SSLSocketFactory {

    /**
     * How long a refusal is held back at most when nothing is written or closed. Paho writes
     * CONNECT about 0.3 s after the handshake (three 100 ms polls); a client that reads first
     * would wait this long for an end of stream.
     */
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(10);

    private final SSLSocketFactory sockets;
    private final ClientKeyManager keys;
    private final List<String> alpn;

    /** A factory presenting {@code keys} ({@link ClientKeyManager#none()}: no certificate) and trusting {@code trust}. */
    TlsSocketFactory(ClientKeyManager keys, AuthorityTrustManager trust, List<String> alpn) throws TlsException {
        this.sockets = context(keys, trust).getSocketFactory();
        this.keys = keys;
        this.alpn = List.copyOf(alpn);
    }

    /**
     * Reads the files and makes a factory. Reads nothing later: call again after the files change.
     *
     * @param certificate PEM file with the client certificate, optionally followed by its chain
     * @param key PEM file with the certificate's private key: PKCS#8, SEC1 EC or PKCS#1 RSA, unencrypted
     * @param authority PEM file with one or more CA certificates, the only ones trusted for the server
     * @param alpn ALPN protocols to offer, such as {@code x-amzn-mqtt-ca}; empty for none
     * @throws TlsException naming the file and what is wrong: missing, not PEM, no certificate or
     *     key in it, key does not match the certificate, certificate expired or not yet valid
     */
    public static SSLSocketFactory create(Path certificate, Path key, Path authority, List<String> alpn)
            throws TlsException {
        return new TlsSocketFactory(ClientKeyManager.of(certificate, key), AuthorityTrustManager.of(authority), alpn);
    }

    /** A plain JDK TLS 1.3/1.2 context with this client certificate (null: none) and trust. */
    static SSLContext context(KeyManager keys, TrustManager trust) throws TlsException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : new KeyManager[] {keys}, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsException("the JDK cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    @Override
    public Socket createSocket() throws IOException {
        return wrap(sockets.createSocket(), null);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return wrap(sockets.createSocket(host, port), host + ":" + port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return wrap(sockets.createSocket(host, port, localHost, localPort), host + ":" + port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return wrap(sockets.createSocket(host, port), host.getHostAddress() + ":" + port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return wrap(sockets.createSocket(address, port, localAddress, localPort), address.getHostAddress() + ":" + port);
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return wrap(sockets.createSocket(socket, host, port, autoClose), host + ":" + port);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return sockets.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return sockets.getSupportedCipherSuites();
    }

    private Socket wrap(Socket socket, String peer) {
        return new TlsSocket((SSLSocket) socket, peer, alpn, keys, HOLD_LIMIT);
    }
}
