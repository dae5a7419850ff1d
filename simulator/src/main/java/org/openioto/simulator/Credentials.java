package org.openioto.simulator;

/**
 * What provisioning gave a device: its certificate and key (PEM) and where the broker is.
 *
 * @param accountId the account the device was claimed into, which its Store items carry
 */
record Credentials(String deviceId, String accountId, String certificatePem, String keyPem, String endpoint,
                   int port) {

    @Override
    public String toString() {
        return "Credentials[" + deviceId + " at " + endpoint + ":" + port + "]"; // never the key
    }
}
