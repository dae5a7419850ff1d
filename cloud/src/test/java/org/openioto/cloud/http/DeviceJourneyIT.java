package org.openioto.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.Cloud;
import org.openioto.cloud.CloudOptions;
import org.openioto.cloud.db.Seed;
import org.openioto.cloud.pki.Pem;
import org.openioto.cloud.pki.TestCsrs;

/**
 * A device's whole way in, against the real cloud with its own CA and broker: register, claim,
 * register again for a token, provision, then MQTT over TLS with the certificate it was given,
 * trusting the broker by the CA. Then a restart keeps the CA, the device and its token. A device
 * that keeps its own key sends a certificate request instead and gets no key back.
 */
@Timeout(90)
class DeviceJourneyIT {

    private static final String ID = "W3DS2DCGXJ";
    private static final String PROVISION = "/cloud/tok/device/provision";
    private static final String BODY = "{\"product\":\"" + Seed.DEFAULT_PRODUCT_TOKEN + "\",\"id\":\"" + ID + "\"}";

    @TempDir
    Path dir;

    @Test
    void registersIsClaimedProvisionedAndTalksMqttOverTlsAcrossARestart() throws Exception {
        String authority;
        String token;
        Cloud cloud = start();
        try {
            ApiClient api = new ApiClient(cloud.baseUrl());
            assertThat(api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, BODY).body()).isEqualTo("{\"registered\":true}");
            String session = (String) api.post("/manager/login", null,
                    "{\"user\":\"admin\",\"password\":\"pw\"}").get("token");
            assertThat(api.post("/manager/claim", session, "{\"id\":\"" + ID + "\"}").status()).isEqualTo(200);
            token = (String) api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, BODY).get("token");
            authority = cloud.authorityPem();
            connectAndPublish(cloud, api, token, authority);
        } finally {
            cloud.stop();
        }

        Cloud again = start();
        try {
            assertThat(again.authorityPem()).as("the same CA").isEqualTo(authority);
            connectAndPublish(again, new ApiClient(again.baseUrl()), token, authority);
        } finally {
            again.stop();
        }
    }

    @Test
    void signsTheDevicesOwnKeyFromItsRequestAndSendsNoKey() throws Exception {
        Cloud cloud = start();
        try {
            ApiClient api = new ApiClient(cloud.baseUrl());
            String token = claimed(api);
            KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
            String csr = TestCsrs.pem(pair, "CN=anything, O=ignored");
            ApiClient.Reply r = api.post(PROVISION, token, "{\"id\":\"" + ID + "\",\"csr\":" + quoted(csr) + "}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json()).doesNotContainKey("key").containsEntry("id", ID);
            X509Certificate certificate = Pem.readCertificate((String) r.get("certificate"));
            assertThat(certificate.getPublicKey()).isEqualTo(pair.getPublic());
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + ID);
            assertThat(certificate.getNotAfter().toInstant())
                    .isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
            connect(cloud, (String) r.get("certificate"), Pem.privateKey(pair.getPrivate()), cloud.authorityPem());
        } finally {
            cloud.stop();
        }
    }

    @Test
    void refusesARequestThatIsNotPemOrNotSignedByItsKey() throws Exception {
        Cloud cloud = start();
        try {
            ApiClient api = new ApiClient(cloud.baseUrl());
            String token = claimed(api);
            KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
            KeyPair other = KeyPairGenerator.getInstance("EC").generateKeyPair();
            String forged = TestCsrs.pem(pair.getPublic(), other.getPrivate(), "CN=" + ID);
            for (String csr : new String[] {quoted("not a request"), quoted(forged), "42", quoted("")}) {
                ApiClient.Reply r = api.post(PROVISION, token, "{\"id\":\"" + ID + "\",\"csr\":" + csr + "}");
                assertThat(r.status()).as(r.body()).isEqualTo(400);
                assertThat((String) r.get("error")).startsWith("csr");
            }
            assertThat(api.post(PROVISION, token, "{\"id\":\"" + ID + "\"}").json()).containsKey("key");
        } finally {
            cloud.stop();
        }
    }

    /** Registers, claims as admin and registers again; returns the device token. */
    private static String claimed(ApiClient api) throws Exception {
        api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, BODY);
        String session = (String) api.post("/manager/login", null, "{\"user\":\"admin\",\"password\":\"pw\"}").get("token");
        assertThat(api.post("/manager/claim", session, "{\"id\":\"" + ID + "\"}").status()).isEqualTo(200);
        return (String) api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, BODY).get("token");
    }

    private static String quoted(String text) {
        return new String(Json.write(text), java.nio.charset.StandardCharsets.UTF_8);
    }

    private Cloud start() throws Exception {
        Cloud cloud = new Cloud(new CloudOptions(dir, "127.0.0.1", 0, 0, 0, Optional.of("pw"), Optional.empty())
                .withCertificateLifetime(Duration.ofDays(30)));
        cloud.start();
        return cloud;
    }

    private static void connectAndPublish(Cloud cloud, ApiClient api, String token, String authority) throws Exception {
        ApiClient.Reply r = api.post(PROVISION, token, "{\"id\":\"" + ID + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Object> p = r.json();
        assertThat(p).containsEntry("id", ID).containsEntry("endpoint", "127.0.0.1")
                .containsEntry("port", cloud.mqttsPort());
        X509Certificate certificate = Pem.readCertificate((String) p.get("certificate"));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + ID);

        connect(cloud, (String) p.get("certificate"), (String) p.get("key"), authority);
    }

    /** Connects as the device with its certificate and key and publishes once at QoS 1. */
    private static void connect(Cloud cloud, String certificate, String key, String authority) throws Exception {
        MqttClient client = new MqttClient("ssl://127.0.0.1:" + cloud.mqttsPort(), ID, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setSocketFactory(DeviceTls.context(certificate, key, authority).getSocketFactory());
        client.connect(options);
        try {
            // QoS 1: returns once the broker acknowledged it, which it does only for the device's own topics
            client.publish("ioto/service/" + ID + "/journey", "hello".getBytes(), 1, false);
        } finally {
            client.disconnect();
            client.close();
        }
    }
}
