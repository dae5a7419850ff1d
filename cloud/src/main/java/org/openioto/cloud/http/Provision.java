package org.openioto.cloud.http;

import java.util.Objects;
import java.util.Optional;

/** The outcome of a {@link Provisioner}: a certificate for the device, or a refusal with a delay. */
public sealed interface Provision {

    /**
     * A certificate (PEM), the private key (PEM) unless the device sent a request for its own
     * key, and the MQTT broker the device connects to: {@code endpoint} is the host name (also
     * the TLS server name the device checks) and {@code port} the MQTTS port.
     */
    record Issued(String certificatePem, Optional<String> keyPem, String endpoint, int port) implements Provision {
        public Issued {
            Objects.requireNonNull(certificatePem, "certificatePem");
            Objects.requireNonNull(keyPem, "keyPem");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /**
     * Not now: the device is told {@code error} and blocks itself for {@code delaySeconds}
     * ("Device is temporarily blocked for N seconds").
     */
    record Refused(String error, int delaySeconds) implements Provision {
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }
}
