package org.openioto.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.Cloud;
import org.openioto.cloud.CloudOptions;
import org.openioto.cloud.MqttSubscriptions;
import org.openioto.cloud.db.Seed;

/**
 * The manager's view of a real device over MQTT TLS with the certificate the cloud's CA issued:
 * the device list shows it connected, and releasing it tells it on its provision/release topic,
 * takes its token away and makes it register as unclaimed again.
 */
@Timeout(90)
class ReleaseIT {

    private static final String ID = "RELEASE001";
    private static final String BODY = "{\"product\":\"" + Seed.DEFAULT_PRODUCT_TOKEN + "\",\"id\":\"" + ID + "\"}";

    @TempDir
    Path dir;
    private Cloud cloud;
    private ApiClient api;
    private String session;

    @BeforeEach
    void start() throws Exception {
        cloud = new Cloud(new CloudOptions(dir, "127.0.0.1", 0, 0, 0, Optional.of("pw"), Optional.empty()));
        cloud.start();
        api = new ApiClient(cloud.baseUrl());
        session = (String) api.post("/manager/login", null, "{\"user\":\"admin\",\"password\":\"pw\"}").get("token");
    }

    @AfterEach
    void stop() {
        cloud.stop();
    }

    @Test
    void showsAConnectedDeviceAndReleasesIt() throws Exception {
        assertThat(api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, BODY).body()).isEqualTo("{\"registered\":true}");
        assertThat(device().get("connected")).as("registered, never connected").isEqualTo(false);
        assertThat(api.post("/manager/claim", session, "{\"id\":\"" + ID + "\"}").status()).isEqualTo(200);
        String token = (String) api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, BODY).get("token");
        Map<String, Object> p = api.post("/cloud/tok/device/provision", token, "{\"id\":\"" + ID + "\"}").json();

        MqttClient client = new MqttClient("ssl://127.0.0.1:" + cloud.mqttsPort(), ID, new MemoryPersistence());
        List<String> received = new CopyOnWriteArrayList<>();
        try {
            MqttSubscriptions.connectAndSubscribe(client, options(p), "ioto/device/" + ID + "/#",
                    (topic, message) -> received.add(topic + " " + new String(message.getPayload(), StandardCharsets.US_ASCII)));
            await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(device().get("connected")));

            long before = System.currentTimeMillis();
            ApiClient.Reply released = api.post("/manager/release", session, "{\"id\":\"" + ID + "\"}");
            assertThat(released.status()).as(released.body()).isEqualTo(200);
            assertThat(released.json()).isEqualTo(Map.of("id", ID, "released", true));
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            assertThat(received).hasSize(1);
            String[] message = received.get(0).split(" ");
            assertThat(message[0]).isEqualTo("ioto/device/" + ID + "/provision/release");
            assertThat(Long.parseLong(message[1])).as("the release time in ms")
                    .isBetween(before, System.currentTimeMillis());
            // a device that does not leave by itself is disconnected after a grace period
            await().atMost(Duration.ofSeconds(20)).until(() -> !client.isConnected());
            assertThat(Duration.ofMillis(System.currentTimeMillis() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
            assertThatThrownBy(() -> client.connect(options(p))).as("the old certificate is revoked")
                    .isInstanceOf(MqttException.class);
        } finally {
            client.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(device().get("connected")));
        assertThat(device()).containsEntry("claimed", false).doesNotContainKey("provisioned");

        ApiClient.Reply oldToken = api.post("/cloud/tok/device/provision", token, "{\"id\":\"" + ID + "\"}");
        assertThat(oldToken.status()).isEqualTo(401);
        assertThat(oldToken.json()).isEqualTo(Map.of("error", "Authentication failed"));
        assertThat(api.post("/cloud/tok/provision/update", token, "{\"id\":\"" + ID + "\",\"version\":\"1.0\"}")
                .status()).isEqualTo(401);
        assertThat(api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, BODY).body()).isEqualTo("{\"registered\":true}");
        assertThat(api.post("/manager/release", session, "{\"id\":\"" + ID + "\"}").status())
                .as("no longer in the account").isEqualTo(404);
    }

    @Test
    void aNewCertificateRevokesTheOneBefore() throws Exception {
        api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, BODY);
        assertThat(api.post("/manager/claim", session, "{\"id\":\"" + ID + "\"}").status()).isEqualTo(200);
        String token = (String) api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN, BODY).get("token");
        Map<String, Object> first = api.post("/cloud/tok/device/provision", token, "{\"id\":\"" + ID + "\"}").json();
        Map<String, Object> second = api.post("/cloud/tok/device/provision", token, "{\"id\":\"" + ID + "\"}").json();

        MqttClient client = new MqttClient("ssl://127.0.0.1:" + cloud.mqttsPort(), ID, new MemoryPersistence());
        try {
            assertThatThrownBy(() -> client.connect(options(first))).isInstanceOf(MqttException.class);
            client.connect(options(second));
            assertThat(client.isConnected()).isTrue();
            client.disconnect();
        } finally {
            client.close();
        }
    }

    @Test
    void refusesBadReleases() throws Exception {
        assertThat(api.post("/manager/release", "bad-session", "{\"id\":\"" + ID + "\"}").status()).isEqualTo(401);
        assertThat(api.post("/manager/release", session, "{\"id\":\"NOSUCHDEV1\"}").status()).isEqualTo(404);
        assertThat(api.post("/manager/release", session, "{}").status()).isEqualTo(400);
        assertThat(api.get("/manager/release", session).status()).isEqualTo(405);
    }

    private MqttConnectOptions options(Map<String, Object> provisioned) throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setConnectionTimeout(10);
        options.setSocketFactory(DeviceTls.context((String) provisioned.get("certificate"),
                (String) provisioned.get("key"), cloud.authorityPem()).getSocketFactory());
        return options;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> device() throws Exception {
        List<?> devices = (List<?>) api.get("/manager/devices", session).get("devices");
        return devices.stream().map(d -> (Map<String, Object>) d).filter(d -> ID.equals(d.get("id"))).findFirst().orElseThrow();
    }
}
