package org.openioto.mqtt.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;
import org.openioto.mqtt.internal.tls.TlsException;
import org.openioto.mqtt.internal.tls.TlsSocketFactory;

/** The TLS sockets of a connection's settings: client certificate, key, authority and ALPN. */
final class TlsForMqtt {

    private TlsForMqtt() {
    }

    /**
     * Reads the PEM files now; called at every connect, so renewed files are picked up.
     *
     * @throws TlsException naming what is missing or wrong
     */
    static SocketFactory sockets(Settings settings) throws TlsException {
        List<String> missing = new ArrayList<>();
        Path certificate = need(settings.certificate(), "certificate", missing);
        Path key = need(settings.key(), "key", missing);
        Path authority = need(settings.authority(), "authority", missing);
        if (!missing.isEmpty()) {
            throw new TlsException(Settings.PID + ": a TLS endpoint needs the PEM files certificate, key and authority;"
                    + " not configured: " + String.join(", ", missing));
        }
        return TlsSocketFactory.create(certificate, key, authority, settings.alpn());
    }

    private static Path need(Optional<Path> file, String name, List<String> missing) {
        if (file.isEmpty()) {
            missing.add(name);
        }
        return file.orElse(null);
    }
}
