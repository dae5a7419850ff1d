package org.openioto.mqtt.internal;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Makes a throwaway public key infrastructure for tests in a directory: a CA, a second unrelated
 * CA, and server and client certificates issued by either, written as PEM files. Keys are EC
 * P-256 in PKCS#8 unless a {@link KeyFormat} says otherwise. Uses the JDK's default providers,
 * BouncyCastle only to build and write certificates.
 */
public final class TestPki {

    /** How a private key is written. */
    public enum KeyFormat {
        /** EC P-256, {@code BEGIN PRIVATE KEY}. */
        PKCS8,
        /** EC P-256, {@code BEGIN EC PRIVATE KEY} (SEC1, OpenSSL's traditional form). */
        SEC1,
        /** RSA 2048, {@code BEGIN RSA PRIVATE KEY} (PKCS#1). */
        RSA_PKCS1
    }

    /** A certificate file and its private key file. */
    public record Credentials(Path certificate, Path key) {
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final Duration SKEW = Duration.ofHours(1);

    private final Authority ca;
    private final Authority otherCa;

    private TestPki(Authority ca, Authority otherCa) {
        this.ca = ca;
        this.otherCa = otherCa;
    }

    /** Creates the two authorities in {@code dir} ({@code ca.pem}, {@code other-ca.pem}). */
    public static TestPki create(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        return new TestPki(new Authority(dir, "ca", "OpenIoto Test CA"),
                new Authority(dir, "other-ca", "Unrelated Test CA"));
    }

    /** The CA that brokers and clients trust. */
    public Authority ca() {
        return ca;
    }

    /** A CA nobody trusts. */
    public Authority otherCa() {
        return otherCa;
    }

    /** A certificate authority (EC P-256, basicConstraints CA:true) that issues certificates. */
    public static final class Authority {
        private final Path dir;
        private final String file;
        private final X500Name name;
        private final KeyPair keys;
        private final X509Certificate certificate;

        Authority(Path dir, String file, String commonName) throws IOException, GeneralSecurityException {
            this.dir = dir;
            this.file = file;
            this.name = new X500Name("CN=" + commonName);
            this.keys = generate(KeyFormat.PKCS8);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = builder(name, keys, now.minus(SKEW), now.plus(Duration.ofDays(2)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            this.certificate = sign(b, keys);
            write(certificate(), certificate);
        }

        /** The CA's certificate file. */
        public Path certificate() {
            return dir.resolve(file + ".pem");
        }

        /**
         * A server certificate for serverAuth with the given subject alternative names, each
         * {@code DNS:name} or {@code IP:address}.
         */
        public Credentials server(String fileName, String... subjectAltNames) throws IOException, GeneralSecurityException {
            GeneralName[] names = new GeneralName[subjectAltNames.length];
            for (int i = 0; i < names.length; i++) {
                String[] kind = subjectAltNames[i].split(":", 2);
                names[i] = new GeneralName(kind[0].equals("IP") ? GeneralName.iPAddress : GeneralName.dNSName, kind[1]);
            }
            Instant now = Instant.now();
            KeyPair pair = generate(KeyFormat.PKCS8);
            X509v3CertificateBuilder b = leaf("CN=" + fileName, pair, now.minus(SKEW), now.plus(Duration.ofDays(1)));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return save(fileName, b, pair, KeyFormat.PKCS8);
        }

        /** A client certificate for clientAuth with this CN and a PKCS#8 EC key, valid for a day. */
        public Credentials client(String commonName) throws IOException, GeneralSecurityException {
            return client(commonName, KeyFormat.PKCS8);
        }

        /** A client certificate for clientAuth with this CN and its key written in {@code format}. */
        public Credentials client(String commonName, KeyFormat format) throws IOException, GeneralSecurityException {
            Instant now = Instant.now();
            return client(commonName, format, now.minus(SKEW), now.plus(Duration.ofDays(1)));
        }

        /** A client certificate valid only from {@code notBefore} to {@code notAfter}. */
        public Credentials client(String commonName, KeyFormat format, Instant notBefore, Instant notAfter)
                throws IOException, GeneralSecurityException {
            KeyPair pair = generate(format);
            X509v3CertificateBuilder b = leaf("CN=" + commonName, pair, notBefore, notAfter);
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return save(file + "-" + commonName, b, pair, format);
        }

        private X509v3CertificateBuilder leaf(String subject, KeyPair pair, Instant notBefore, Instant notAfter)
                throws IOException, GeneralSecurityException {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), new X500Name(subject), pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            return b;
        }

        private Credentials save(String fileName, X509v3CertificateBuilder b, KeyPair pair, KeyFormat format)
                throws IOException, GeneralSecurityException {
            Credentials c = new Credentials(dir.resolve(fileName + ".crt"), dir.resolve(fileName + ".key"));
            write(c.certificate(), sign(b, keys));
            try (Writer w = Files.newBufferedWriter(c.key()); JcaPEMWriter pem = new JcaPEMWriter(w)) {
                switch (format) {
                    case PKCS8 -> pem.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
                    case SEC1 -> pem.writeObject(new PemObject("EC PRIVATE KEY", sec1(pair)));
                    // JcaPEMWriter writes an RSA key in OpenSSL's traditional form, PKCS#1
                    case RSA_PKCS1 -> pem.writeObject(pair.getPrivate());
                }
            }
            return c;
        }
    }

    /**
     * SEC1 (RFC 5915) as OpenSSL writes it: with the curve and the public key. JcaPEMWriter would
     * copy the JDK's inner PKCS#8 structure, which has neither, and no one can read that back.
     */
    private static byte[] sec1(KeyPair pair) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        return new ECPrivateKey(256, inner.getKey(),
                new DERBitString(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData().getBytes()),
                info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
    }

    private static X509v3CertificateBuilder builder(X500Name subject, KeyPair pair, Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair generate(KeyFormat format) throws GeneralSecurityException {
        if (format == KeyFormat.RSA_PKCS1) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static void write(Path file, Object pemObject) throws IOException {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(pemObject);
        }
    }
}
