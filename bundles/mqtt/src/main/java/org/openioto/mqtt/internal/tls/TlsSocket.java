package org.openioto.mqtt.internal.tls;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A client {@link SSLSocket} that keeps the device's TLS policy whatever its user sets: it
 * always offers the configured ALPN protocols and always verifies the server's host name
 * (HTTPS endpoint identification). Paho 1.2.5 calls {@link #setSSLParameters} with a fresh
 * {@code SSLParameters}, whose empty ALPN list would otherwise replace ours (paho.mqtt.java
 * #858); here every {@code setSSLParameters} re-applies both. ALPN can be changed on a JDK
 * socket only through {@code setSSLParameters}, so the policy holds until the handshake.
 *
 * <p>It also holds back a refusal that arrives right after the handshake until the first write
 * ({@link FirstWriteGate}), and reports TLS failures as {@link TlsException}s. Everything else is
 * delegated to the JDK socket it wraps.
 */
final class TlsSocket extends SSLSocket {

    private static final int INPUT_BUFFER = 8192;

    private final SSLSocket delegate;
    private final String[] alpn;
    private final ClientKeyManager keys;
    private final FirstWriteGate gate;
    private volatile String peer = "(not connected)";
    private Streams streams;

    /**
     * @param peer {@code host:port} for messages if the delegate is already connected, else null
     * @param keys the client certificate's key manager
     * @param holdLimit how long a refusal is held back at most, see {@link FirstWriteGate}
     */
    TlsSocket(SSLSocket delegate, String peer, List<String> alpn, ClientKeyManager keys, Duration holdLimit) {
        this.delegate = delegate;
        this.alpn = alpn.toArray(String[]::new);
        this.keys = keys;
        this.gate = new FirstWriteGate(holdLimit, this::explain);
        if (peer != null) {
            this.peer = peer;
        }
        setSSLParameters(delegate.getSSLParameters());
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setApplicationProtocols(alpn);
        delegate.setSSLParameters(params);
    }

    @Override
    public void startHandshake() throws IOException {
        try {
            delegate.startHandshake();
        } catch (IOException e) {
            throw explain(e);
        }
    }

    /**
     * A TLS failure explained; a bare socket failure too if it came after the broker asked for
     * the client certificate and before it sent anything. A broker that refuses the certificate
     * sends an alert and closes at once; a client still busy with its handshake (a cold JVM
     * signing CertificateVerify) then meets "Broken pipe" on its next write and never reads the
     * alert, which TLS 1.3 encrypts anyway.
     */
    private IOException explain(IOException e) {
        if (!(e instanceof SSLException) && !gate.received() && keys.askedOn(delegate)) {
            return TlsFailures.closedAfterCertificateRequest(e, peer);
        }
        return TlsFailures.explain(e, peer, List.of(alpn));
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (endpoint instanceof InetSocketAddress a) {
            peer = a.getHostString() + ":" + a.getPort();
        }
        delegate.connect(endpoint, timeout);
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return streams().in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return streams().out;
    }

    /**
     * Both streams, taken together at the first request: the JDK closes a socket that received
     * a fatal alert, and a later {@code getOutputStream()} would then fail with a bare "Socket is
     * closed" instead of the held refusal that a write through the gate reports.
     */
    private synchronized Streams streams() throws IOException {
        if (streams == null) {
            // buffered: Paho reads each packet's header a byte at a time
            streams = new Streams(new BufferedInputStream(gate.input(delegate.getInputStream()), INPUT_BUFFER),
                    gate.output(delegate.getOutputStream()));
        }
        return streams;
    }

    private record Streams(InputStream in, OutputStream out) {
    }

    @Override
    public void close() throws IOException {
        gate.open();
        delegate.close();
    }

    @Override
    public String toString() {
        return "TlsSocket[" + delegate + "]";
    }

    // Plain delegation from here on.

    @Override public SSLParameters getSSLParameters() { return delegate.getSSLParameters(); }
    @Override public String[] getSupportedCipherSuites() { return delegate.getSupportedCipherSuites(); }
    @Override public String[] getEnabledCipherSuites() { return delegate.getEnabledCipherSuites(); }
    @Override public void setEnabledCipherSuites(String[] suites) { delegate.setEnabledCipherSuites(suites); }
    @Override public String[] getSupportedProtocols() { return delegate.getSupportedProtocols(); }
    @Override public String[] getEnabledProtocols() { return delegate.getEnabledProtocols(); }
    @Override public void setEnabledProtocols(String[] protocols) { delegate.setEnabledProtocols(protocols); }
    @Override public SSLSession getSession() { return delegate.getSession(); }
    @Override public SSLSession getHandshakeSession() { return delegate.getHandshakeSession(); }
    @Override public void addHandshakeCompletedListener(HandshakeCompletedListener l) { delegate.addHandshakeCompletedListener(l); }
    @Override public void removeHandshakeCompletedListener(HandshakeCompletedListener l) { delegate.removeHandshakeCompletedListener(l); }
    @Override public void setUseClientMode(boolean mode) { delegate.setUseClientMode(mode); }
    @Override public boolean getUseClientMode() { return delegate.getUseClientMode(); }
    @Override public void setNeedClientAuth(boolean need) { delegate.setNeedClientAuth(need); }
    @Override public boolean getNeedClientAuth() { return delegate.getNeedClientAuth(); }
    @Override public void setWantClientAuth(boolean want) { delegate.setWantClientAuth(want); }
    @Override public boolean getWantClientAuth() { return delegate.getWantClientAuth(); }
    @Override public void setEnableSessionCreation(boolean flag) { delegate.setEnableSessionCreation(flag); }
    @Override public boolean getEnableSessionCreation() { return delegate.getEnableSessionCreation(); }
    @Override public String getApplicationProtocol() { return delegate.getApplicationProtocol(); }
    @Override public String getHandshakeApplicationProtocol() { return delegate.getHandshakeApplicationProtocol(); }
    @Override public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> s) {
        delegate.setHandshakeApplicationProtocolSelector(s);
    }
    @Override public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return delegate.getHandshakeApplicationProtocolSelector();
    }

    @Override public void bind(SocketAddress local) throws IOException { delegate.bind(local); }
    @Override public InetAddress getInetAddress() { return delegate.getInetAddress(); }
    @Override public InetAddress getLocalAddress() { return delegate.getLocalAddress(); }
    @Override public int getPort() { return delegate.getPort(); }
    @Override public int getLocalPort() { return delegate.getLocalPort(); }
    @Override public SocketAddress getRemoteSocketAddress() { return delegate.getRemoteSocketAddress(); }
    @Override public SocketAddress getLocalSocketAddress() { return delegate.getLocalSocketAddress(); }
    @Override public SocketChannel getChannel() { return delegate.getChannel(); }
    @Override public void setTcpNoDelay(boolean on) throws SocketException { delegate.setTcpNoDelay(on); }
    @Override public boolean getTcpNoDelay() throws SocketException { return delegate.getTcpNoDelay(); }
    @Override public void setSoLinger(boolean on, int linger) throws SocketException { delegate.setSoLinger(on, linger); }
    @Override public int getSoLinger() throws SocketException { return delegate.getSoLinger(); }
    @Override public void sendUrgentData(int data) throws IOException { delegate.sendUrgentData(data); }
    @Override public void setOOBInline(boolean on) throws SocketException { delegate.setOOBInline(on); }
    @Override public boolean getOOBInline() throws SocketException { return delegate.getOOBInline(); }
    @Override public void setSoTimeout(int timeout) throws SocketException { delegate.setSoTimeout(timeout); }
    @Override public int getSoTimeout() throws SocketException { return delegate.getSoTimeout(); }
    @Override public void setSendBufferSize(int size) throws SocketException { delegate.setSendBufferSize(size); }
    @Override public int getSendBufferSize() throws SocketException { return delegate.getSendBufferSize(); }
    @Override public void setReceiveBufferSize(int size) throws SocketException { delegate.setReceiveBufferSize(size); }
    @Override public int getReceiveBufferSize() throws SocketException { return delegate.getReceiveBufferSize(); }
    @Override public void setKeepAlive(boolean on) throws SocketException { delegate.setKeepAlive(on); }
    @Override public boolean getKeepAlive() throws SocketException { return delegate.getKeepAlive(); }
    @Override public void setTrafficClass(int tc) throws SocketException { delegate.setTrafficClass(tc); }
    @Override public int getTrafficClass() throws SocketException { return delegate.getTrafficClass(); }
    @Override public void setReuseAddress(boolean on) throws SocketException { delegate.setReuseAddress(on); }
    @Override public boolean getReuseAddress() throws SocketException { return delegate.getReuseAddress(); }
    @Override public void shutdownInput() throws IOException { delegate.shutdownInput(); }
    @Override public void shutdownOutput() throws IOException { delegate.shutdownOutput(); }
    @Override public boolean isConnected() { return delegate.isConnected(); }
    @Override public boolean isBound() { return delegate.isBound(); }
    @Override public boolean isClosed() { return delegate.isClosed(); }
    @Override public boolean isInputShutdown() { return delegate.isInputShutdown(); }
    @Override public boolean isOutputShutdown() { return delegate.isOutputShutdown(); }
    @Override public void setPerformancePreferences(int time, int latency, int bandwidth) {
        delegate.setPerformancePreferences(time, latency, bandwidth);
    }
    @Override public <T> java.net.Socket setOption(SocketOption<T> name, T value) throws IOException {
        delegate.setOption(name, value);
        return this;
    }
    @Override public <T> T getOption(SocketOption<T> name) throws IOException { return delegate.getOption(name); }
    @Override public Set<SocketOption<?>> supportedOptions() { return delegate.supportedOptions(); }
}
