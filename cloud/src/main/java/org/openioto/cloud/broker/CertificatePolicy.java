package org.openioto.cloud.broker;

import java.security.cert.X509Certificate;

/**
 * Decides whether a client whose verified certificate names it may connect: the place to refuse
 * certificates the cloud has revoked. Called on a broker network thread during the first MQTT
 * CONNECT, so it must answer quickly (from memory, mostly).
 */
@FunctionalInterface
public interface CertificatePolicy {

    /** Accepts every certificate the CA signed. */
    CertificatePolicy ANY = (clientId, certificate) -> true;

    /** Whether {@code clientId}, whose certificate's CN it is, may connect with {@code certificate}. */
    boolean accepts(String clientId, X509Certificate certificate);
}
