package org.openioto.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.internal.TestPki;
import org.openioto.mqtt.internal.TestPki.Credentials;
import org.openioto.mqtt.internal.TestPki.KeyFormat;

/** Reading certificates and keys from PEM files, and the messages when a file is wrong. */
class PemFilesTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static Credentials device;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(dir);
        device = pki.ca().client("device");
    }

    @Test
    void readsKeysInPkcs8Sec1AndPkcs1Form() throws Exception {
        for (KeyFormat format : KeyFormat.values()) {
            Credentials c = pki.ca().client("format-" + format, format);
            String begin = Files.readAllLines(c.key()).get(0);
            assertThat(begin).isEqualTo(switch (format) {
                case PKCS8 -> "-----BEGIN PRIVATE KEY-----";
                case SEC1 -> "-----BEGIN EC PRIVATE KEY-----";
                case RSA_PKCS1 -> "-----BEGIN RSA PRIVATE KEY-----";
            });

            PrivateKey key = PemFiles.privateKey(c.key());

            assertThat(key.getAlgorithm()).isEqualTo(format == KeyFormat.RSA_PKCS1 ? "RSA" : "EC");
            PemFiles.checkPair(PemFiles.certificates(c.certificate(), "certificate").get(0), key, c.certificate(), c.key());
        }
    }

    @Test
    void skipsEcParametersBeforeTheKey() throws Exception {
        Credentials c = pki.ca().client("with-parameters", KeyFormat.SEC1);
        Path key = dir.resolve("with-parameters.key");
        // what `openssl ecparam -genkey -name prime256v1` writes: the curve's OID, then the key
        Files.writeString(key, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Files.readString(c.key()));

        assertThat(PemFiles.privateKey(key).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void readsEveryCertificateOfAnAuthorityFile() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(pki.ca().certificate()) + Files.readString(pki.otherCa().certificate()));

        assertThat(PemFiles.certificates(bundle, "authority")).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=OpenIoto Test CA", "CN=Unrelated Test CA");
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("missing.crt");
        assertThatThrownBy(() -> PemFiles.certificates(missing, "certificate"))
                .isInstanceOf(TlsException.class).hasMessage("certificate file " + missing + " does not exist");
    }

    @Test
    void namesAFileThatIsNotPem() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        Path der = Files.write(dir.resolve("ca.der"), PemFiles.certificates(pki.ca().certificate(), "ca").get(0).getEncoded());

        assertThatThrownBy(() -> PemFiles.certificates(text, "authority"))
                .hasMessage("authority file " + text + " is not a PEM file (no -----BEGIN block)");
        assertThatThrownBy(() -> PemFiles.privateKey(der))
                .hasMessage("private key file " + der + " is not a PEM file (no -----BEGIN block)");
    }

    @Test
    void aDamagedKeyIsReportedWithoutItsContent() throws Exception {
        Path damaged = Files.writeString(dir.resolve("damaged.key"),
                "-----BEGIN PRIVATE KEY-----\nc2VjcmV0IGtleSBtYXRlcmlhbA!!\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemFiles.privateKey(damaged))
                .hasMessageStartingWith("private key file " + damaged + " ")
                .hasMessageNotContaining("c2VjcmV0").hasNoCause();
    }

    @Test
    void namesAFileWithoutTheExpectedObject() {
        assertThatThrownBy(() -> PemFiles.privateKey(device.certificate())).hasMessage("private key file "
                + device.certificate() + " holds no PEM PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY");
        assertThatThrownBy(() -> PemFiles.certificates(device.key(), "certificate"))
                .hasMessage("certificate file " + device.key() + " holds no PEM CERTIFICATE");
    }

    @Test
    void readsASec1KeyWithoutItsOptionalPublicKey() throws Exception {
        // a throwaway key from `openssl ecparam -name prime256v1 -genkey | openssl ec -no_public`:
        // SEC1 ECPrivateKey with version, private scalar and curve OID, without the public key (RFC 5915)
        Path key = Files.writeString(dir.resolve("no-public.key"), "-----BEGIN EC PRIVATE KEY-----\n"
                + "MDECAQEEIMuKH8q5Xh+DpOFQ4yE1eful+cPWmTEq/DChRRKVO1/MoAoGCCqGSM49\n"
                + "AwEH\n-----END EC PRIVATE KEY-----\n");

        assertThat(PemFiles.privateKey(key).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void refusesAnEncryptedKey() throws Exception {
        // what openssl ec -aes128 writes; the parser reads the headers and never decrypts
        Path traditional = Files.writeString(dir.resolve("traditional.key"), "-----BEGIN EC PRIVATE KEY-----\n"
                + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + "AAAAAAAAAAAAAAAAAAAAAA==\n-----END EC PRIVATE KEY-----\n");
        Path pkcs8 = Files.writeString(dir.resolve("pkcs8.key"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(encrypted(PemFiles.privateKey(device.key())))
                + "\n-----END ENCRYPTED PRIVATE KEY-----\n");

        for (Path encrypted : new Path[] {traditional, pkcs8}) {
            assertThatThrownBy(() -> PemFiles.privateKey(encrypted))
                    .hasMessage("private key file " + encrypted + " is encrypted; a plain PEM key is needed");
        }
    }

    /** PKCS#8 EncryptedPrivateKeyInfo made by the JDK alone. */
    private static byte[] encrypted(PrivateKey key) throws Exception {
        Cipher cipher = Cipher.getInstance("PBEWithSHA1AndDESede");
        SecretKey password = SecretKeyFactory.getInstance("PBEWithSHA1AndDESede").generateSecret(new PBEKeySpec("pw".toCharArray()));
        cipher.init(Cipher.ENCRYPT_MODE, password, new PBEParameterSpec(new byte[8], 1000));
        return new EncryptedPrivateKeyInfo(cipher.getParameters(), cipher.doFinal(key.getEncoded())).getEncoded();
    }

    @Test
    void aKeyOfAnotherCertificateDoesNotMatch() throws Exception {
        Credentials other = pki.ca().client("other");
        Credentials rsa = pki.ca().client("rsa", KeyFormat.RSA_PKCS1);

        for (Path wrongKey : new Path[] {other.key(), rsa.key()}) {
            assertThatThrownBy(() -> PemFiles.checkPair(PemFiles.certificates(device.certificate(), "certificate").get(0),
                    PemFiles.privateKey(wrongKey), device.certificate(), wrongKey))
                    .hasMessage("private key file " + wrongKey + " does not match certificate file " + device.certificate());
        }
    }

    @Test
    void anExpiredOrFutureCertificateIsReported() throws Exception {
        Instant now = Instant.now();
        Credentials expired = pki.ca().client("expired", KeyFormat.PKCS8, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        Credentials future = pki.ca().client("future", KeyFormat.PKCS8, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));

        assertThatThrownBy(() -> check(expired))
                .hasMessageStartingWith("certificate file " + expired.certificate() + " expired on ").hasMessageContaining("CN=expired");
        assertThatThrownBy(() -> check(future))
                .hasMessageStartingWith("certificate file " + future.certificate() + " is not valid before ");
    }

    private static void check(Credentials c) throws TlsException {
        PemFiles.checkPair(PemFiles.certificates(c.certificate(), "certificate").get(0), PemFiles.privateKey(c.key()),
                c.certificate(), c.key());
    }
}
