package org.openioto.cloud.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds and signs one X.509 v3 certificate; the CA decides what goes in it. */
final class CertificateBuilder {

    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    /** Devices and brokers with a slightly slow clock must still accept a certificate issued just now. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509v3CertificateBuilder builder;
    private final JcaX509ExtensionUtils extensions;

    CertificateBuilder(X500Name issuer, String commonName, PublicKey subjectKey, Duration lifetime) {
        Instant now = Instant.now();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        this.builder = new JcaX509v3CertificateBuilder(issuer == null ? subject : issuer, serial(),
            Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(lifetime)), subject, subjectKey);
        try {
            this.extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot start a certificate: " + e.getMessage(), e);
        }
    }

    CertificateBuilder authority() {
        return add(Extension.basicConstraints, true, new BasicConstraints(0))
            .add(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    CertificateBuilder endEntity(X509Certificate issuer, KeyPurposeId purpose) {
        // the key identifier alone: BC's certificate form adds the CA's serial, which would tie
        // issued certificates to one CA certificate rather than to the CA key
        add(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer.getPublicKey()));
        return add(Extension.basicConstraints, true, new BasicConstraints(false))
            .add(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
            .add(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }

    CertificateBuilder add(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new IllegalStateException("Cannot add extension " + oid + ": " + e.getMessage(), e);
        }
        return this;
    }

    X509Certificate sign(PrivateKey issuerKey) {
        try {
            var signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    /** A random positive 128-bit serial: unique without keeping a counter on disk (RFC 5280 allows 20 octets). */
    private static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }
}
