package org.openioto.cloud.broker;

import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;

/**
 * A server {@link SslContext} whose engines refuse a client whose MQTT client id is not the CN of
 * its certificate, or whose certificate the {@link DeviceDirectory} refuses.
 *
 * <p>Moquette 0.17 shows its authorizer the client id but never the certificate, and its
 * pipeline is closed to us; the TLS engine is the one place that sees both, so the check lives
 * there (see {@link ClientIdBindingEngine}).
 */
final class ClientIdBindingSslContext extends SslContext {

    private final SslContext delegate;
    private final DeviceDirectory devices;

    ClientIdBindingSslContext(SslContext delegate, DeviceDirectory devices) {
        this.delegate = delegate;
        this.devices = devices;
    }

    @Override
    public boolean isClient() {
        return delegate.isClient();
    }

    @Override
    public List<String> cipherSuites() {
        return delegate.cipherSuites();
    }

    @Override
    public long sessionCacheSize() {
        return delegate.sessionCacheSize();
    }

    @Override
    public long sessionTimeout() {
        return delegate.sessionTimeout();
    }

    @Override
    @SuppressWarnings("deprecation")
    public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
        return delegate.applicationProtocolNegotiator();
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc) {
        return new ClientIdBindingEngine(delegate.newEngine(alloc), devices);
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
        return new ClientIdBindingEngine(delegate.newEngine(alloc, peerHost, peerPort), devices);
    }

    @Override
    public SSLSessionContext sessionContext() {
        return delegate.sessionContext();
    }
}
