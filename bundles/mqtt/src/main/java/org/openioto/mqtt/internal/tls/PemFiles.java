package org.openioto.mqtt.internal.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM files, with errors that name the file and what is
 * wrong with it. Keys may be PKCS#8 ({@code PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}) or
 * PKCS#1 ({@code RSA PRIVATE KEY}); encrypted keys are refused. Uses the JDK's default
 * providers: BouncyCastle only parses. Messages never contain key material.
 */
final class PemFiles {

    private PemFiles() {
    }

    /** All certificates in {@code file}, in order; at least one. */
    static List<X509Certificate> certificates(Path file, String role) throws TlsException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object o : objects(file, role)) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (GeneralSecurityException e) {
                    throw new TlsException(role + " file " + file + " holds a certificate that cannot be read: " + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsException(role + " file " + file + " holds no PEM CERTIFICATE");
        }
        return certificates;
    }

    /** The private key in {@code file}; other PEM objects such as EC PARAMETERS are skipped. */
    static PrivateKey privateKey(Path file) throws TlsException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : objects(file, "private key")) {
            if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new TlsException("private key file " + file + " is encrypted; a plain PEM key is needed");
            }
            PrivateKeyInfo info = o instanceof PrivateKeyInfo i ? i
                    // a PEMKeyPair's public part is optional in SEC1 (RFC 5915): use only the private key
                    : o instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : null;
            if (info != null) {
                try {
                    return converter.getPrivateKey(info);
                } catch (IOException e) {
                    // the converter's message may quote the key's encoding: do not pass it on
                    throw new TlsException("private key file " + file + " holds a key of an unsupported type or encoding");
                }
            }
        }
        throw new TlsException("private key file " + file
                + " holds no PEM PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY");
    }

    /**
     * Checks that {@code key} belongs to {@code certificate} (by signing and verifying a probe)
     * and that the certificate is valid now.
     */
    static void checkPair(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile)
            throws TlsException {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new TlsException("certificate file " + certificateFile + " expired on " + certificate.getNotAfter().toInstant()
                    + " (" + certificate.getSubjectX500Principal().getName() + ")");
        } catch (CertificateNotYetValidException e) {
            throw new TlsException("certificate file " + certificateFile + " is not valid before "
                    + certificate.getNotBefore().toInstant() + " (check the clock)");
        }
        if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm()) || !signs(certificate, key)) {
            throw new TlsException("private key file " + keyFile + " does not match certificate file " + certificateFile);
        }
    }

    private static boolean signs(X509Certificate certificate, PrivateKey key) throws TlsException {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        byte[] probe = "openioto key probe".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot check a " + key.getAlgorithm() + " key against its certificate: " + e.getMessage(), e);
        }
    }

    private static List<Object> objects(Path file, String role) throws TlsException {
        Reader reader;
        try {
            // Latin-1 decodes any byte, so a DER or other binary file is reported as "not PEM"
            reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsException(role + " file " + file + " does not exist");
        } catch (IOException e) {
            throw new TlsException(role + " file " + file + " cannot be read: " + e);
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        } catch (IOException | RuntimeException e) {
            // no cause and no detail: a parser message may quote the file's content, which may be a key
            throw new TlsException(role + " file " + file + " is not valid PEM (a block is damaged or of an unknown type)");
        }
        if (objects.isEmpty()) {
            throw new TlsException(role + " file " + file + " is not a PEM file (no -----BEGIN block)");
        }
        return objects;
    }
}
