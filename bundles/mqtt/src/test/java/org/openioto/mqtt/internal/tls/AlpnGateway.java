package org.openioto.mqtt.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.openioto.mqtt.internal.TestPki.Credentials;

/**
 * A TLS endpoint on 127.0.0.1 that, like AWS IoT on port 443, admits only clients offering the
 * ALPN protocol {@code x-amzn-mqtt-ca}, and pipes each admitted connection to a plain MQTT
 * listener. Every other client fails the handshake itself.
 *
 * <p>Two checks are needed for that: the ALPN selector refuses a client offering other
 * protocols ({@code no_application_protocol}), but the JDK calls it only when the client offers
 * ALPN at all. A client offering none, which is what Paho leaves after #858, is refused by the
 * key manager, which the JDK consults later in the same handshake, after ALPN is settled.
 */
final class AlpnGateway implements AutoCloseable {

    static final String PROTOCOL = "x-amzn-mqtt-ca";

    private final SSLServerSocket server;
    private final int brokerPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "alpn-gateway");
        t.setDaemon(true);
        return t;
    });
    private final List<String> offered = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** Listens on a free port for clients of the broker's plain listener {@code brokerPort}. */
    AlpnGateway(Credentials serverCredentials, int brokerPort) throws Exception {
        this.brokerPort = brokerPort;
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", PemFiles.privateKey(serverCredentials.key()), new char[0],
                PemFiles.certificates(serverCredentials.certificate(), "server").toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new AlpnRequired((X509ExtendedKeyManager) keys.getKeyManagers()[0])}, null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** What each client offered, in order of arrival: its ALPN list, or "none". */
    List<String> offered() {
        return List.copyOf(offered);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                sockets.add(client);
                threads.execute(() -> admit(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void admit(SSLSocket client) {
        String[] seen = {"none"};
        client.setHandshakeApplicationProtocolSelector((socket, protocols) -> {
            seen[0] = protocols.toString();
            return protocols.contains(PROTOCOL) ? PROTOCOL : null;
        });
        try {
            client.startHandshake();
        } catch (IOException e) {
            close(client);
            return;
        } finally {
            offered.add(seen[0]);
        }
        try {
            Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
            sockets.add(broker);
            threads.execute(() -> pipe(broker::getInputStream, client::getOutputStream, client, broker));
            pipe(client::getInputStream, broker::getOutputStream, client, broker);
        } catch (IOException e) {
            close(client);
        }
    }

    private interface Open<T> {
        T get() throws IOException;
    }

    private static void pipe(Open<InputStream> from, Open<OutputStream> to, Socket a, Socket b) {
        try {
            from.get().transferTo(to.get());
        } catch (IOException e) {
            // one side went away: end both
        } finally {
            close(a);
            close(b);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(AlpnGateway::close);
        threads.shutdownNow();
    }

    /** Picks the server's key only once the handshake has agreed on {@link #PROTOCOL}. */
    private final class AlpnRequired extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        AlpnRequired(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            String agreed = ((SSLSocket) socket).getHandshakeApplicationProtocol();
            return PROTOCOL.equals(agreed) ? keys.chooseServerAlias(keyType, issuers, socket) : null;
        }

        @Override public String[] getServerAliases(String keyType, Principal[] issuers) { return keys.getServerAliases(keyType, issuers); }
        @Override public X509Certificate[] getCertificateChain(String alias) { return keys.getCertificateChain(alias); }
        @Override public PrivateKey getPrivateKey(String alias) { return keys.getPrivateKey(alias); }
        @Override public String[] getClientAliases(String keyType, Principal[] issuers) { return null; }
        @Override public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) { return null; }
    }
}
