package org.openioto.cloud.http;

import java.util.Optional;

/**
 * Issues a claimed device the certificate and MQTT endpoint it connects with, for
 * {@code POST <api>/tok/device/provision}.
 *
 * <p>Called on an HTTP worker thread after the device's token has been checked; it may block
 * (key generation, signing) but should not take more than a few seconds, since the agent's
 * request times out after {@code timeouts.api} (30 s by default). Throwing answers the device
 * with HTTP 500, after which the agent retries with its backoff.
 */
@FunctionalInterface
public interface Provisioner {

    /**
     * Returns what to send device {@code deviceId} of account {@code accountId}: an
     * {@link Provision.Issued} or a {@link Provision.Refused}. The handler adds {@code accountId}
     * and {@code id} to the reply itself.
     *
     * @param csrPem the device's own PKCS#10 request (PEM) when it keeps its key: sign that key
     *     and return no key; empty to generate a key pair for the device
     * @throws IllegalArgumentException if the request is unreadable or its signature does not
     *     verify; the device is answered 400 with the message
     */
    Provision provision(String deviceId, String accountId, Optional<String> csrPem) throws Exception;
}
