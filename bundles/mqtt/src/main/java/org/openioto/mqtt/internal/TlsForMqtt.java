package org.openioto.mqtt.internal;

import javax.net.SocketFactory;

/** LOCAL SCAFFOLD. */
final class TlsForMqtt {
    private TlsForMqtt() {
    }

    static SocketFactory sockets(Settings settings) {
        return javax.net.ssl.SSLSocketFactory.getDefault();
    }
}
