package org.openioto.cloud.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.IPAddress;

/**
 * The cloud's own certificate authority: it signs the device certificates handed out at
 * provisioning and the MQTT broker's server certificate.
 *
 * <p>The CA lives in a directory as {@code ca.key} (PKCS#8 PEM, mode 0600) and {@code ca.crt}
 * (PEM). {@link #open(Path)} creates both on first use and loads them afterwards, so a restart
 * keeps the CA and every certificate issued before stays valid. Keys are EC P-256, signatures
 * SHA256withECDSA. Instances are immutable and safe to share between threads.
 */
public final class CertificateAuthority {

    /** The CA certificate's lifetime: long, because renewing it means re-provisioning every device. */
    static final Duration CA_LIFETIME = Duration.ofDays(20 * 365);

    /** Device ids become topic levels and certificate names: no MQTT wildcards or separators. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final PrivateKey key;
    private final X509Certificate certificate;

    private CertificateAuthority(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /**
     * Loads the CA from a directory, creating the directory and a new CA if it holds none.
     *
     * @throws IOException if the files cannot be read or written, or one is corrupt, missing, or
     *     does not match the other; the message names the file
     */
    public static CertificateAuthority open(Path directory) throws IOException {
        CaFiles files = new CaFiles(directory);
        boolean hasKey = Files.exists(files.key());
        boolean hasCertificate = Files.exists(files.certificate());
        if (!hasKey && hasCertificate) {
            throw new IOException("CA certificate " + files.certificate() + " exists but its key "
                + files.key() + " is missing; move both away to start a new CA");
        }
        if (!hasKey) {
            KeyPair pair = generateKeyPair();
            files.writeKey(pair.getPrivate());
            return selfSign(files, pair.getPrivate(), pair.getPublic());
        }
        PrivateKey key = files.readKey();
        if (!hasCertificate) {
            // the key is written first: a crash between the two writes leaves only the key
            return selfSign(files, key, null);
        }
        X509Certificate certificate = files.readCertificate();
        if (!matches(key, certificate.getPublicKey())) {
            throw new IOException("CA key " + files.key() + " does not belong to " + files.certificate());
        }
        return new CertificateAuthority(key, certificate);
    }

    /** Returns the CA certificate as PEM: what devices and clients put in their trust store. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** Returns the CA certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Generates a key pair for a device and issues its client certificate, with CN = device id.
     *
     * @throws IllegalArgumentException if the id is not 1-128 of {@code A-Z a-z 0-9 . _ -} or the
     *     lifetime is not positive
     */
    public IssuedCertificate issueDevice(String deviceId, Duration lifetime) {
        checkDeviceId(deviceId);
        checkLifetime(lifetime);
        KeyPair pair = generateKeyPair();
        X509Certificate issued = device(deviceId, pair.getPublic(), lifetime);
        return new IssuedCertificate(Pem.certificate(issued), Pem.privateKey(pair.getPrivate()));
    }

    /**
     * Signs a device's PKCS#10 request (PEM) and returns the certificate as PEM. The request's
     * signature must verify; its subject is ignored: the certificate's CN is always the device id.
     *
     * @throws IllegalArgumentException if the id or lifetime is invalid, or the request is not a
     *     readable PKCS#10 request with a valid signature
     */
    public String signDevice(String deviceId, String csrPem, Duration lifetime) {
        checkDeviceId(deviceId);
        checkLifetime(lifetime);
        return Pem.certificate(device(deviceId, verifiedKey(csrPem), lifetime));
    }

    /**
     * Generates a key pair and a server certificate for the MQTT broker, valid for
     * {@code localhost}, {@code 127.0.0.1} and the given bind address (an IP literal or host name).
     */
    public IssuedCertificate issueServer(String bindAddress, Duration lifetime) {
        checkLifetime(lifetime);
        List<GeneralName> names = new ArrayList<>(List.of(
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        if (bindAddress != null && !bindAddress.isBlank()
            && !bindAddress.equals("localhost") && !bindAddress.equals("127.0.0.1")) {
            boolean ip = IPAddress.isValid(bindAddress);
            names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, bindAddress));
        }
        KeyPair pair = generateKeyPair();
        X509Certificate issued = new CertificateBuilder(subject(), "localhost", pair.getPublic(), lifetime)
            .endEntity(certificate, KeyPurposeId.id_kp_serverAuth)
            .add(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)))
            .sign(key);
        return new IssuedCertificate(Pem.certificate(issued), Pem.privateKey(pair.getPrivate()));
    }

    private X509Certificate device(String deviceId, PublicKey publicKey, Duration lifetime) {
        return new CertificateBuilder(subject(), deviceId, publicKey, lifetime)
            .endEntity(certificate, KeyPurposeId.id_kp_clientAuth)
            .sign(key);
    }

    private X500Name subject() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static PublicKey verifiedKey(String csrPem) {
        PKCS10CertificationRequest request;
        try {
            request = Pem.readCertificateRequest(csrPem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad certificate request: " + e.getMessage(), e);
        }
        try {
            PublicKey publicKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
                throw new IllegalArgumentException("Bad certificate request: its signature does not verify");
            }
            return publicKey;
        } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Bad certificate request: " + e.getMessage(), e);
        }
    }

    private static CertificateAuthority selfSign(CaFiles files, PrivateKey key, PublicKey publicKey)
        throws IOException {
        PublicKey subjectKey = publicKey != null ? publicKey : publicKeyOf(key, files);
        X509Certificate certificate = new CertificateBuilder(null, "OpenIoto Local CA", subjectKey, CA_LIFETIME)
            .authority()
            .sign(key);
        files.writeCertificate(certificate);
        return new CertificateAuthority(key, certificate);
    }

    /** Recomputes the public point Q = d·G, which PKCS#8 files need not carry. */
    private static PublicKey publicKeyOf(PrivateKey key, CaFiles files) throws IOException {
        if (!(key instanceof ECPrivateKey ecKey)) {
            throw new IOException("CA key " + files.key() + " is not an EC key");
        }
        try {
            ECPoint q = EC5Util.convertSpec(ecKey.getParams()).getG().multiply(ecKey.getS()).normalize();
            var point = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, ecKey.getParams()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("CA key " + files.key() + " is unusable: " + e.getMessage(), e);
        }
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        try {
            byte[] probe = "openioto-ca-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(CertificateBuilder.SIGNATURE_ALGORITHM);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(CertificateBuilder.SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    private static void checkDeviceId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException(
                "Device id must be 1-128 characters of A-Z a-z 0-9 . _ -, got: " + deviceId);
        }
    }

    private static void checkLifetime(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("Certificate lifetime must be positive, got " + lifetime);
        }
    }
}
