package org.openioto.cloud.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
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
 * The manager's Store and command endpoints over real HTTP against a whole cloud with its own CA, while the
 * device is connected over MQTT over TLS with the certificate it was provisioned with and reads
 * what the cloud syncs down to it. A second account (bob) claims a device of its own.
 */
@Timeout(90)
class DeviceItemsApiIT {

    private static final String ID = "W3DS2DCGXJ";
    private static final String OTHER = "OTHERDEV01";

    private record Message(String topic, String payload) { }

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private Cloud cloud;
    private ApiClient api;
    private String admin;
    private MqttClient device;
    private String accountId;

    @BeforeEach
    void start() throws Exception {
        cloud = new Cloud(new CloudOptions(dir, "127.0.0.1", 0, 0, 0, Optional.of("pw"), Optional.empty()));
        cloud.start();
        api = new ApiClient(cloud.baseUrl());
        admin = login("admin", "pw");
        Map<String, Object> provisioned = provision(ID, admin);
        accountId = (String) provisioned.get("accountId");
        device = connect(provisioned);
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.disconnect();
            device.close();
        }
        cloud.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void putsListsAndRemovesItemsThatReachTheConnectedDevice() throws Exception {
        ApiClient.Reply put = api.put(path(ID, "mode"), admin, "{\"value\":\"auto\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json()).containsEntry("key", "mode").containsEntry("value", "auto")
                .containsEntry("type", "string").containsKey("updated");
        Message upsert = next();
        assertThat(upsert.topic()).isEqualTo("ioto/device/" + ID + "/sync/UPSERT");
        assertThat(upsert.payload()).contains("\"key\":\"mode\"", "\"value\":\"auto\"", "\"sk\":\"s#mode\"");

        assertThat(api.put(path(ID, "limit"), admin, "{\"value\":10.50}").json())
                .containsEntry("value", "10.5").containsEntry("type", "number");
        assertThat(next().payload()).contains("\"value\":\"10.5\"", "\"type\":\"number\"");
        assertThat(api.put(path(ID, "on"), admin, "{\"value\":true}").json()).containsEntry("type", "boolean");
        assertThat(next().payload()).contains("\"value\":\"true\"", "\"type\":\"boolean\"");

        ApiClient.Reply list = api.get(path(ID, null), admin);
        assertThat(list.status()).isEqualTo(200);
        List<Map<String, Object>> items = (List<Map<String, Object>>) list.get("items");
        assertThat(items).extracting(i -> i.get("key")).containsExactly("limit", "mode", "on");
        assertThat(items.get(1)).isEqualTo(put.json());

        ApiClient.Reply removed = api.delete(path(ID, "mode"), admin);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json()).isEqualTo(Map.of("key", "mode", "removed", true));
        Message remove = next();
        assertThat(remove.topic()).isEqualTo("ioto/device/" + ID + "/sync/REMOVE");
        assertThat(remove.payload()).contains("\"sk\":\"s#mode\"");
        assertThat((List<Map<String, Object>>) api.get(path(ID, null), admin).get("items"))
                .extracting(i -> i.get("key")).containsExactly("limit", "on");
    }

    @Test
    void refusesBadKeysAndValues() throws Exception {
        for (String body : List.of("{\"value\":{}}", "{\"value\":null}", "{}", "[1]")) {
            ApiClient.Reply r = api.put(path(ID, "mode"), admin, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json()).containsKey("error");
        }
        ApiClient.Reply longKey = api.put(path(ID, "k".repeat(1023)), admin, "{\"value\":1}");
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(longKey.json()).isEqualTo(Map.of("error", "Store key must be 1-1022 characters"));
        assertThat(api.put(path(ID, "x".repeat(10)), admin,
                "{\"value\":\"" + "v".repeat(64 * 1024 + 1) + "\"}").status()).as("over the body limit").isEqualTo(413);
        assertThat(device.isConnected()).isTrue();
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("nothing sent").isNull();
    }

    @Test
    void aDeviceReadsTheBroadcastsOfItsOwnAccountOnly() throws Exception {
        String bobsAccount = addUser("bob", "bob-password");
        assertThat(granted("ioto/account/" + accountId + "/#")).isEqualTo(1);
        assertThat(granted("ioto/account/all/#")).isEqualTo(1);
        assertThat(granted("ioto/account/" + bobsAccount + "/#")).isEqualTo(0x80);
    }

    private int granted(String filter) throws Exception {
        try {
            return device.subscribeWithResponse(filter, 1).getGrantedQos()[0];
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            // Paho reports a 0x80 grant as this exception
            assertThat(e.getReasonCode()).isEqualTo((int) org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_SUBSCRIBE_FAILED);
            return 0x80;
        }
    }

    @Test
    void answersOnlyForDevicesOfTheSessionsAccount() throws Exception {
        addUser("bob", "bob-password");
        String bob = login("bob", "bob-password");
        register(OTHER);
        assertThat(api.post("/manager/claim", bob, "{\"id\":\"" + OTHER + "\"}").status()).isEqualTo(200);
        assertThat(api.put(path(OTHER, "mode"), bob, "{\"value\":\"bob\"}").status()).isEqualTo(200);

        for (ApiClient.Reply r : List.of(api.get(path(OTHER, null), admin),
                api.put(path(OTHER, "mode"), admin, "{\"value\":\"x\"}"), api.delete(path(OTHER, "mode"), admin),
                api.get(path(ID, null), bob), api.put(path(ID, "mode"), bob, "{\"value\":\"x\"}"),
                api.get(path("NOSUCHDEV1", null), admin), api.delete(path("NOSUCHDEV1", "mode"), admin))) {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.json()).isEqualTo(Map.of("error", "Cannot find device"));
        }
        assertThat(api.get(path(OTHER, null), bob).body()).contains("\"value\":\"bob\"");
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("nothing reached " + ID).isNull();

        for (ApiClient.Reply r : List.of(api.get(path(ID, null), null), api.put(path(ID, "mode"), null, "{\"value\":1}"),
                api.delete(path(ID, "mode"), "made-up"))) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).containsKey("error");
        }
        assertThat(api.post(path(ID, "mode"), admin, "{}").status()).isEqualTo(405);
        assertThat(api.get("/manager/devices/" + ID + "/other", admin).status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sendsCommandsThatReachTheConnectedDeviceAsCommandItems() throws Exception {
        ApiClient.Reply sent = api.post(commands(ID), admin,
                "{\"command\":\"power\",\"args\":{\"level\":5},\"description\":\"Turn it up\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        Map<String, Object> command = sent.json();
        assertThat(command).containsEntry("command", "power").containsEntry("args", Map.of("level", 5))
                .containsEntry("description", "Turn it up");
        String id = (String) command.get("id");
        assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");

        Message upsert = next();
        assertThat(upsert.topic()).isEqualTo("ioto/device/" + ID + "/sync/UPSERT");
        Map<String, Object> item = Json.parseObject(upsert.payload().getBytes(UTF_8), 1 << 20);
        assertThat(item).containsEntry("_type", "Command").containsEntry("command", "power")
                .containsEntry("args", Map.of("level", 5)).containsEntry("id", id).containsEntry("deviceId", ID)
                .containsKeys("accountId", "created", "updated");
        assertThat(item.get("sk")).isEqualTo("command#" + item.get("accountId") + "#" + ID + "#" + id);

        assertThat(api.post(commands(ID), admin, "{\"command\":\"reboot\"}").json()).containsEntry("args", Map.of());
        assertThat(next().payload()).contains("\"command\":\"reboot\"");
        List<Map<String, Object>> listed = (List<Map<String, Object>>) api.get(commands(ID), admin).get("commands");
        assertThat(listed).extracting(c -> c.get("command")).containsExactly("power", "reboot");
        assertThat(listed.get(0)).isEqualTo(command);
    }

    @Test
    void aDeviceThatWasAwayGetsItsCommandsWithItsNextSyncDown() throws Exception {
        String since = java.time.Instant.now().minusSeconds(60).toString();
        device.disconnect();
        device.close();
        device = null;
        assertThat(api.post(commands(ID), admin, "{\"command\":\"update\"}").status()).isEqualTo(200);

        device = connect(provision(ID, admin));
        device.publish("$aws/rules/IotoDevice/ioto/service/" + ID + "/db/syncDown",
                ("{\"timestamp\":\"" + since + "\"}").getBytes(UTF_8), 1, false);
        Message upsert = next();
        assertThat(upsert.topic()).endsWith("/sync/UPSERT");
        assertThat(upsert.payload()).contains("\"_type\":\"Command\"", "\"command\":\"update\"");
        assertThat(next().topic()).endsWith("/sync/SYNCDOWN");
    }

    @Test
    void refusesBadCommands() throws Exception {
        for (String body : List.of("{}", "{\"command\":\"\"}", "{\"command\":\"rm -rf\"}", "{\"command\":7}",
                "{\"command\":\"x\",\"args\":[1]}", "{\"command\":\"x\",\"description\":5}",
                "{\"command\":\"x\",\"args\":{\"a\":\"" + "v".repeat(16 * 1024) + "\"}}", "{\"command\":")) {
            ApiClient.Reply r = api.post(commands(ID), admin, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json()).containsKey("error");
        }
        assertThat(api.post(commands("NOSUCHDEV1"), admin, "{\"command\":\"x\"}").status()).isEqualTo(404);
        assertThat(api.post(commands(ID), null, "{\"command\":\"x\"}").status()).isEqualTo(401);
        assertThat(api.put(commands(ID), admin, "{}").status()).isEqualTo(405);
        assertThat(api.get(commands(ID) + "/extra", admin).status()).isEqualTo(404);
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("nothing sent").isNull();
        assertThat(api.get(commands(ID), admin).body()).isEqualTo("{\"commands\":[]}");
    }

    private static String commands(String id) {
        return "/manager/devices/" + id + "/commands";
    }

    private static String path(String id, String key) {
        return "/manager/devices/" + id + "/store" + (key == null ? "" : "/" + key);
    }

    private String login(String user, String password) throws Exception {
        ApiClient.Reply r = api.post("/manager/login", null,
                "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (String) r.get("token");
    }

    private ApiClient.Reply register(String id) throws Exception {
        return api.post("/api/device/register", Seed.DEFAULT_PRODUCT_TOKEN,
                "{\"product\":\"" + Seed.DEFAULT_PRODUCT_TOKEN + "\",\"id\":\"" + id + "\"}");
    }

    /** Registers, claims and provisions a device: its certificate and key. */
    private Map<String, Object> provision(String id, String session) throws Exception {
        register(id);
        assertThat(api.post("/manager/claim", session, "{\"id\":\"" + id + "\"}").status()).isEqualTo(200);
        String token = (String) register(id).get("token");
        ApiClient.Reply r = api.post("/cloud/tok/device/provision", token, "{\"id\":\"" + id + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Connects as the device and subscribes to its topics as the agent does. */
    private MqttClient connect(Map<String, Object> provisioned) throws Exception {
        MqttClient client = new MqttClient("ssl://127.0.0.1:" + cloud.mqttsPort(), ID, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setSocketFactory(DeviceTls.context((String) provisioned.get("certificate"),
                (String) provisioned.get("key"), cloud.authorityPem()).getSocketFactory());
        MqttSubscriptions.connectAndSubscribe(client, options, "ioto/device/" + ID + "/#",
                (topic, m) -> received.add(new Message(topic, new String(m.getPayload(), UTF_8))));
        return client;
    }

    private Message next() throws InterruptedException {
        Message m = received.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message for the device within 10 s").isNotNull();
        return m;
    }

    /** Adds a user with an account of its own, as admin; returns the account's id. */
    private String addUser(String name, String password) throws Exception {
        ApiClient.Reply r = api.post("/manager/users", admin,
                "{\"user\":\"" + name + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (String) r.get("accountId");
    }
}
