package org.openioto.cloud.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes the PEM texts the cloud hands out and keeps: certificates, PKCS#8 private keys
 * and PKCS#10 certificate requests.
 *
 * <p>Every reader throws {@link IllegalArgumentException} naming what it expected when the text
 * holds something else or nothing readable, so callers can pass the message on unchanged.
 */
public final class Pem {

    private Pem() {
    }

    /** Encodes a certificate as a {@code CERTIFICATE} block. */
    public static String certificate(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot encode certificate: " + e.getMessage(), e);
        }
    }

    /** Encodes a private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("Private key is not PKCS#8 encodable: " + key.getFormat());
        }
        return encode("PRIVATE KEY", key.getEncoded());
    }

    /** Reads the first certificate of a PEM text. */
    public static X509Certificate readCertificate(String pem) {
        X509CertificateHolder holder = read(pem, X509CertificateHolder.class, "a certificate");
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Not a valid certificate: " + e.getMessage(), e);
        }
    }

    /** Reads a private key, PKCS#8 ({@code PRIVATE KEY}) or OpenSSL's {@code EC PRIVATE KEY} form. */
    public static PrivateKey readPrivateKey(String pem) {
        Object object = read(pem, Object.class, "a private key");
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a valid private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("Expected a private key, found " + object.getClass().getSimpleName());
    }

    /** Reads a PKCS#10 certificate request; its signature is not checked here. */
    public static PKCS10CertificationRequest readCertificateRequest(String pem) {
        return read(pem, PKCS10CertificationRequest.class, "a certificate request");
    }

    private static String encode(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static <T> T read(String pem, Class<T> type, String expected) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("Expected " + expected + " in PEM form, got nothing");
        }
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            // PEMParser reports bad base64 and bad DER as assorted runtime exceptions
            throw new IllegalArgumentException("Expected " + expected + " in PEM form: " + e.getMessage(), e);
        }
        if (object == null) {
            throw new IllegalArgumentException("Expected " + expected + " in PEM form, found no PEM block");
        }
        if (!type.isInstance(object)) {
            throw new IllegalArgumentException(
                "Expected " + expected + " in PEM form, found " + object.getClass().getSimpleName());
        }
        return type.cast(object);
    }
}
