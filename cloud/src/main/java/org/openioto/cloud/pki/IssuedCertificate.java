package org.openioto.cloud.pki;

import java.util.Objects;

/**
 * A certificate and the private key the CA generated for it, both as PEM: the pair a device
 * receives at provisioning ({@code certificate} and {@code key}).
 *
 * @param certificatePem the X.509 certificate, signed by the CA
 * @param privateKeyPem the unencrypted PKCS#8 private key; never log it
 */
public record IssuedCertificate(String certificatePem, String privateKeyPem) {

    public IssuedCertificate {
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    }

    @Override
    public String toString() {
        return "IssuedCertificate[certificatePem=" + certificatePem.length() + " chars, privateKeyPem=(hidden)]";
    }
}
