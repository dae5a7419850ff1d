package org.openioto.mqtt.internal.tls;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Turns the JDK's TLS exceptions into {@link TlsException}s that say which side refused what:
 * the broker refusing the client certificate, the client refusing the server certificate, or
 * the broker refusing the offered ALPN protocols. Other I/O failures are returned unchanged.
 */
final class TlsFailures {

    /** Alerts a server sends when it does not accept the client's certificate (RFC 8446 §6.2). */
    private static final Set<String> CLIENT_CERTIFICATE_ALERTS = Set.of("bad_certificate", "unsupported_certificate",
            "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca", "certificate_required",
            "access_denied");

    // the JDK reports an alert from the peer as "Received fatal alert: <description>"
    private static final String RECEIVED = "Received fatal alert: ";

    private TlsFailures() {
    }

    /** The explanation of {@code failure} on a connection to {@code peer} ({@code host:port}). */
    static IOException explain(IOException failure, String peer, List<String> alpn) {
        if (failure instanceof TlsException || !(failure instanceof SSLException)) {
            return failure;
        }
        String alert = received(failure);
        if (alert != null && CLIENT_CERTIFICATE_ALERTS.contains(alert)) {
            return new TlsException("broker " + peer + " refused the client certificate (TLS alert " + alert + ")", failure);
        }
        if ("no_application_protocol".equals(alert)) {
            return new TlsException("broker " + peer + " accepts none of the offered ALPN protocols " + alpn
                    + " (TLS alert no_application_protocol)", failure);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateException && t.getMessage() != null && t.getMessage().startsWith("server certificate")) {
                return new TlsException("refused broker " + peer + ": " + t.getMessage(), failure);
            }
        }
        return new TlsException("TLS connection to " + peer + " failed: " + failure.getMessage(), failure);
    }

    /** A connection broken after the broker asked for the client certificate and before it sent anything. */
    static TlsException closedAfterCertificateRequest(IOException failure, String peer) {
        return new TlsException("broker " + peer + " asked for the client certificate and closed the connection before"
                + " sending anything: it most likely refused the client certificate, or did not authorize the connection ("
                + failure.getMessage() + ")", failure);
    }

    private static String received(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.startsWith(RECEIVED)) {
                return m.substring(RECEIVED.length()).trim();
            }
        }
        return null;
    }
}
