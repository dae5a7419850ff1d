package org.openioto.mqtt.internal.tls;

import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * A TLS setup or connection failure whose message says, in words a user can act on, which file
 * or which side is wrong: a missing or malformed PEM file, a key that does not match its
 * certificate, an expired certificate, a server certificate that is not trusted or does not
 * match the host, or a broker that refused the client certificate.
 *
 * <p>It is an {@link SSLException} so that it travels through Paho's network code unchanged;
 * Paho wraps it as the cause of its own {@code MqttException}, where {@link #in(Throwable)} finds it.
 */
public final class TlsException extends SSLException {

    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first {@code TlsException} in the cause chain of {@code failure}, if there is one. */
    public static Optional<TlsException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TlsException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
