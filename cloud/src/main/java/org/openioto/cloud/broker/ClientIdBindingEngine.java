package org.openioto.cloud.broker;

import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.openioto.cloud.pki.CommonNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server {@link SSLEngine} that reads the client id from the first decrypted MQTT CONNECT and
 * fails with an {@link SSLException}, which makes Netty close the connection, unless it equals
 * the CN of the client's verified certificate and the {@link DeviceDirectory} accepts that
 * certificate. After that check it only delegates.
 *
 * <p>Netty calls an engine from its channel's event loop only, so no locking is needed.
 */
final class ClientIdBindingEngine extends SSLEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ClientIdBindingEngine.class);

    /** A CONNECT up to its client id: fixed header, MQTT 5 properties and a 64 KiB id at most. */
    private static final int MAX_PREFIX = 5 + 8 + 4 + 5 + 65_536 + 2 + 65_535;

    private final SSLEngine delegate;
    private final DeviceDirectory devices;
    private byte[] received = new byte[256];
    private int length;
    private boolean checked;

    ClientIdBindingEngine(SSLEngine delegate, DeviceDirectory devices) {
        super(delegate.getPeerHost(), delegate.getPeerPort());
        this.delegate = delegate;
        this.devices = devices;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int count) throws SSLException {
        if (checked) {
            return delegate.unwrap(src, dsts, offset, count);
        }
        int[] before = new int[count];
        for (int i = 0; i < count; i++) {
            before[i] = dsts[offset + i].position();
        }
        SSLEngineResult result = delegate.unwrap(src, dsts, offset, count);
        if (result.bytesProduced() > 0) {
            for (int i = 0; i < count; i++) {
                ByteBuffer view = dsts[offset + i].duplicate();
                view.flip().position(before[i]);
                keep(view);
            }
            check();
        }
        return result;
    }

    private void keep(ByteBuffer bytes) throws SSLException {
        int needed = length + bytes.remaining();
        if (needed > MAX_PREFIX) {
            throw new SSLException("MQTT CONNECT too long before its client id");
        }
        if (needed > received.length) {
            received = Arrays.copyOf(received, Math.max(needed, received.length * 2));
        }
        bytes.get(received, length, bytes.remaining());
        length = needed;
    }

    private void check() throws SSLException {
        Optional<String> clientId;
        try {
            clientId = ConnectPacket.clientId(received, length);
        } catch (IllegalArgumentException e) {
            throw new SSLException("Refused: " + e.getMessage());
        }
        if (clientId.isEmpty()) {
            return;
        }
        X509Certificate certificate = peerCertificate();
        String commonName = CommonNames.of(certificate).orElse("");
        if (!clientId.get().equals(commonName)) {
            LOG.warn("Refused MQTT client: certificate CN '{}' but client id '{}'", commonName, clientId.get());
            throw new SSLException("Client id does not match the certificate CN");
        }
        if (!devices.accepts(commonName, certificate)) {
            LOG.warn("Refused MQTT client {}: its certificate was revoked", commonName);
            throw new SSLException("Certificate revoked");
        }
        checked = true;
        received = null;
    }

    private X509Certificate peerCertificate() throws SSLException {
        try {
            Certificate[] chain = delegate.getSession().getPeerCertificates();
            return (X509Certificate) chain[0];
        } catch (SSLPeerUnverifiedException e) {
            throw new SSLException("Refused: no verified client certificate", e);
        }
    }

    // Everything below only delegates.

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int count, ByteBuffer dst) throws SSLException {
        return delegate.wrap(srcs, offset, count, dst);
    }

    @Override
    public Runnable getDelegatedTask() {
        return delegate.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        delegate.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return delegate.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        delegate.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return delegate.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return delegate.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        delegate.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return delegate.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return delegate.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        delegate.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return delegate.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return delegate.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        delegate.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return delegate.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        delegate.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return delegate.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        delegate.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return delegate.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        delegate.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return delegate.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        delegate.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return delegate.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return delegate.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        delegate.setSSLParameters(parameters);
    }

    @Override
    public String getApplicationProtocol() {
        return delegate.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return delegate.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        delegate.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return delegate.getHandshakeApplicationProtocolSelector();
    }
}
