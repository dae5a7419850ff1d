package org.openioto.cloud.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final Duration YEAR = Duration.ofDays(365);

    @TempDir
    Path dir;

    @Test
    void issuesDeviceCertificateThatVerifiesAgainstTheCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir);
        IssuedCertificate issued = ca.issueDevice("dev-1", YEAR);

        X509Certificate certificate = Pem.readCertificate(issued.certificatePem());
        validate(certificate, ca.certificate());
        assertThat(CommonNames.of(certificate)).contains("dev-1");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
        assertThat(certificate.getSerialNumber().signum()).isPositive();
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(matches(Pem.readPrivateKey(issued.privateKeyPem()), certificate)).isTrue();
        assertThat(issued.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(issued.toString()).doesNotContain("BEGIN PRIVATE KEY");
    }

    @Test
    void deviceCertificateLastsTheRequestedLifetime() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir);
        Instant before = Instant.now();
        X509Certificate certificate = Pem.readCertificate(ca.issueDevice("dev-1", Duration.ofDays(30)).certificatePem());

        assertThat(certificate.getNotAfter().toInstant())
            .isBetween(before.plus(Duration.ofDays(30)).minusSeconds(2), Instant.now().plus(Duration.ofDays(30)));
        assertThat(certificate.getNotBefore().toInstant()).isBefore(before);
    }

    @Test
    void eachCertificateHasItsOwnSerialAndKey() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir);
        X509Certificate a = Pem.readCertificate(ca.issueDevice("dev-1", YEAR).certificatePem());
        X509Certificate b = Pem.readCertificate(ca.issueDevice("dev-1", YEAR).certificatePem());

        assertThat(a.getSerialNumber()).isNotEqualTo(b.getSerialNumber());
        assertThat(a.getPublicKey()).isNotEqualTo(b.getPublicKey());
    }

    @Test
    void signsCsrWithDeviceIdAsCommonNameWhateverTheCsrAsks() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir);
        KeyPair pair = ecKeyPair();
        String csr = TestCsrs.pem(pair, "CN=someone-else");

        X509Certificate certificate = Pem.readCertificate(ca.signDevice("dev-2", csr, YEAR));

        validate(certificate, ca.certificate());
        assertThat(CommonNames.of(certificate)).contains("dev-2");
        assertThat(certificate.getPublicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    void refusesCsrWhoseSignatureDoesNotVerify() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir);
        // a request for one key signed with another: the proof of possession fails
        String forged = TestCsrs.pem(ecKeyPair().getPublic(), ecKeyPair().getPrivate(), "CN=dev-3");

        assertThatThrownBy(() -> ca.signDevice("dev-3", forged, YEAR))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("signature does not verify");
    }

    @Test
    void refusesTextThatIsNoCsr() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir);
        String certificate = ca.certificatePem();

        assertThatThrownBy(() -> ca.signDevice("dev-3", "hello", YEAR))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Bad certificate request");
        assertThatThrownBy(() -> ca.signDevice("dev-3", certificate, YEAR))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found X509CertificateHolder");
        assertThatThrownBy(() -> ca.signDevice("dev-3",
            "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", YEAR))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Bad certificate request");
    }

    @Test
    void refusesDeviceIdsThatCouldEscapeTheirTopic() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir);

        for (String id : List.of("", "a/b", "+", "#", "a b")) {
            assertThatThrownBy(() -> ca.issueDevice(id, YEAR)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ca.issueDevice("dev", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverCertificateNamesLocalhostLoopbackAndBindAddress() throws Exception {
        CertificateAuthority ca = CertificateAuthority.open(dir);
        X509Certificate server = Pem.readCertificate(ca.issueServer("192.168.7.2", YEAR).certificatePem());

        validate(server, ca.certificate());
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
            List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "192.168.7.2"));
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
    }

    @Test
    void reopeningKeepsTheSameCa() throws Exception {
        CertificateAuthority first = CertificateAuthority.open(dir);
        X509Certificate issued = Pem.readCertificate(first.issueDevice("dev-1", YEAR).certificatePem());

        CertificateAuthority second = CertificateAuthority.open(dir);

        assertThat(second.certificatePem()).isEqualTo(first.certificatePem());
        validate(issued, second.certificate());
        validate(Pem.readCertificate(second.issueDevice("dev-2", YEAR).certificatePem()), first.certificate());
    }

    @Test
    void caKeyIsReadableByTheOwnerOnly() throws Exception {
        CertificateAuthority.open(dir.resolve("ca"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca/ca.key"))))
            .isEqualTo("rw-------");
        try (var files = Files.list(dir.resolve("ca"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.key", "ca.crt");
        }
    }

    @Test
    void caCertificateIsACa() throws Exception {
        X509Certificate ca = CertificateAuthority.open(dir).certificate();

        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=OpenIoto Local CA"));
        ca.verify(ca.getPublicKey());
    }

    @Test
    void corruptFilesAreNamedInTheError() throws Exception {
        CertificateAuthority.open(dir);
        Files.writeString(dir.resolve("ca.crt"), "garbage");

        assertThatThrownBy(() -> CertificateAuthority.open(dir))
            .isInstanceOf(IOException.class).hasMessageContaining(dir.resolve("ca.crt").toString());

        Files.writeString(dir.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CertificateAuthority.open(dir))
            .isInstanceOf(IOException.class).hasMessageContaining(dir.resolve("ca.key").toString());
    }

    @Test
    void keyOfAnotherCaIsRefused() throws Exception {
        Path other = dir.resolve("other");
        CertificateAuthority.open(dir);
        CertificateAuthority.open(other);
        Files.copy(other.resolve("ca.key"), dir.resolve("ca.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> CertificateAuthority.open(dir))
            .isInstanceOf(IOException.class).hasMessageContaining("does not belong to");
    }

    @Test
    void missingCertificateIsRebuiltFromTheKey() throws Exception {
        CertificateAuthority first = CertificateAuthority.open(dir);
        X509Certificate issued = Pem.readCertificate(first.issueDevice("dev-1", YEAR).certificatePem());
        Files.delete(dir.resolve("ca.crt"));

        CertificateAuthority second = CertificateAuthority.open(dir);

        assertThat(second.certificate().getPublicKey()).isEqualTo(first.certificate().getPublicKey());
        assertThat(second.certificate().getSubjectX500Principal()).isEqualTo(first.certificate().getSubjectX500Principal());
        validate(issued, second.certificate());
    }

    @Test
    void certificateWithoutKeyIsAnError() throws Exception {
        CertificateAuthority.open(dir);
        Files.delete(dir.resolve("ca.key"));

        assertThatThrownBy(() -> CertificateAuthority.open(dir))
            .isInstanceOf(IOException.class).hasMessageContaining("ca.key").hasMessageContaining("missing");
    }

    static void validate(X509Certificate certificate, X509Certificate ca) throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    private static boolean matches(java.security.PrivateKey key, X509Certificate certificate) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate);
        verifier.update(new byte[] {1, 2, 3});
        return verifier.verify(signature);
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
