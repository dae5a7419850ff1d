package org.openioto.cloud.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.Cloud;
import org.openioto.cloud.CloudOptions;
import org.openioto.cloud.sync.TestDevice.Message;

/**
 * Ioto's sync and Store protocol against a running cloud, over MQTT over TLS with a certificate
 * the cloud issued, using the topics and payloads a real 3.0 agent sends.
 */
@Timeout(120)
class DeviceSyncIT {

    private static final String ID = "W3DS2DCGXJ";

    // A Store item as the agent syncs it up: its value is a string.
    private static final String COUNTER = "{\"key\":\"counter\",\"value\":\"%s\",\"type\":\"number\","
            + "\"deviceId\":\"" + ID + "\",\"accountId\":\"acct1\",\"sk\":\"s#counter\",\"_type\":\"Store\","
            + "\"updated\":\"%s\"}";

    @TempDir
    Path dir;

    private Cloud cloud;
    private TestDevice device;

    @BeforeEach
    void start() throws Exception {
        cloud = startCloud();
        device = TestDevice.provision(cloud, ID).connect(cloud);
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
        if (cloud != null) {
            cloud.stop();
        }
    }

    private Cloud startCloud() throws Exception {
        Cloud c = new Cloud(new CloudOptions(dir, "127.0.0.1", 0, 0, 0, Optional.of(TestDevice.PASSWORD),
                Optional.empty()));
        c.start();
        return c;
    }

    private static String counter(String value, String updated) {
        return String.format(COUNTER, value, updated);
    }

    private String storeGet(String key, int seq) throws Exception {
        device.publish("ioto/service/" + ID + "/store/get/" + seq, "{\"key\":\"" + key + "\"}");
        Message reply = device.next();
        assertThat(reply.topic()).isEqualTo(device.topic("store/get/" + seq));
        return reply.payload();
    }

    @Test
    void syncUpIsStoredAndAcknowledgedWithItsSeqAndKeys() throws Exception {
        // the captured first batch: the Device item and the Service item
        device.ingest("db/syncToDynamo", "{\"seq\":923594489,\"changes\":["
                + "{\"cmd\":\"upsert\",\"key\":\"d#" + ID + "\",\"item\":{\"id\":\"" + ID + "\",\"accountId\":\"acct1\","
                + "\"name\":\"Demo\",\"created\":\"2026-11-22T02:30:29.842Z\",\"updated\":\"2026-11-22T02:30:29.842Z\","
                + "\"sk\":\"d#" + ID + "\",\"_type\":\"Device\"}},"
                + "{\"cmd\":\"upsert\",\"key\":\"service#\",\"item\":{\"value\":0,\"sk\":\"service#\",\"_type\":\"Service\","
                + "\"updated\":\"2026-11-22T02:30:29.850Z\"}}]}");
        assertThat(device.next()).isEqualTo(new Message(device.topic("sync/SYNC"),
                "{\"seq\":923594489,\"keys\":[\"d#" + ID + "\",\"service#\"],\"updated\":\"2026-11-22T02:30:29.850Z\"}"));

        device.ingest("db/syncToDynamo", "{\"seq\":923594490,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"s#counter\","
                + "\"item\":" + counter("7", "2026-11-22T02:30:31.000Z") + "}]}");
        assertThat(device.next()).isEqualTo(new Message(device.topic("sync/SYNC"),
                "{\"seq\":923594490,\"keys\":[\"s#counter\"],\"updated\":\"2026-11-22T02:30:31.000Z\"}"));
        assertThat(storeGet("counter", 100)).isEqualTo("7");

        device.ingest("db/syncToDynamo", "{\"seq\":923594491,\"changes\":[{\"cmd\":\"remove\",\"key\":\"s#counter\","
                + "\"item\":" + counter("7", "2026-11-22T02:30:31.000Z") + "}]}");
        assertThat(device.next().payload()).startsWith("{\"seq\":923594491,\"keys\":[\"s#counter\"]");
        assertThat(storeGet("counter", 101)).as("removed").isEmpty();
    }

    @Test
    void anOlderUpdatedLosesAndAnEqualOneWins() throws Exception {
        device.ingest("db/syncToDynamo", "{\"seq\":1,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"s#counter\",\"item\":"
                + counter("2", "2026-11-22T02:30:32.000Z") + "}]}");
        assertThat(device.next().topic()).isEqualTo(device.topic("sync/SYNC"));
        device.ingest("db/syncToDynamo", "{\"seq\":2,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"s#counter\",\"item\":"
                + counter("1", "2026-11-22T02:30:31.999Z") + "}]}");
        assertThat(device.next().payload()).as("a stale change is still acknowledged")
                .isEqualTo("{\"seq\":2,\"keys\":[\"s#counter\"],\"updated\":\"2026-11-22T02:30:31.999Z\"}");
        assertThat(storeGet("counter", 100)).isEqualTo("2");

        device.ingest("db/syncToDynamo", "{\"seq\":3,\"changes\":[{\"cmd\":\"update\",\"key\":\"s#counter\",\"item\":"
                + counter("3", "2026-11-22T02:30:32.000Z") + "}]}");
        assertThat(device.next().topic()).isEqualTo(device.topic("sync/SYNC"));
        assertThat(storeGet("counter", 101)).isEqualTo("3");
    }

    @Test
    void syncDownSendsTheCloudSideChangesThenSyncdown() throws Exception {
        // a change the device syncs up itself is not sent back down
        device.ingest("db/syncToDynamo", "{\"seq\":5,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"s#counter\",\"item\":"
                + counter("1", "2026-11-22T02:30:31.000Z") + "}]}");
        assertThat(device.next().topic()).isEqualTo(device.topic("sync/SYNC"));

        // while connected, a cloud-side change goes down at once
        cloud.sync().store().set(ID, "mode", "auto", "string").get();
        Message pushed = device.next();
        assertThat(pushed.topic()).isEqualTo(device.topic("sync/UPSERT"));
        assertThat(pushed.payload()).startsWith("{\"key\":\"mode\",\"value\":\"auto\",\"type\":\"string\",\"deviceId\":\""
                + ID + "\",\"accountId\":\"").contains("\"sk\":\"s#mode\",\"_type\":\"Store\"")
                .matches(".*\"updated\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"}");

        // while away, they wait for the next syncDown
        device.disconnect();
        cloud.sync().store().set(ID, "limit", "10", "number").get();
        cloud.sync().store().remove(ID, "mode").get();
        device.connect(cloud);
        device.ingest("db/syncDown", "{\"timestamp\":\"1970-01-01T00:00:00.000Z\"}");
        Message first = device.next();
        Message second = device.next();
        Message end = device.next();
        assertThat(first.topic()).isEqualTo(device.topic("sync/UPSERT"));
        assertThat(first.payload()).contains("\"sk\":\"s#limit\"", "\"value\":\"10\"", "\"type\":\"number\"");
        assertThat(second.topic()).isEqualTo(device.topic("sync/REMOVE"));
        assertThat(second.payload()).contains("\"sk\":\"s#mode\"");
        assertThat(end.topic()).isEqualTo(device.topic("sync/SYNCDOWN"));
        assertThat(end.payload()).matches("\\{\"updated\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"}");

        // nothing changed since that SYNCDOWN: only SYNCDOWN again
        String since = end.payload().substring("{\"updated\":\"".length(), end.payload().length() - 2);
        device.ingest("db/syncDown", "{\"timestamp\":\"" + since + "\"}");
        assertThat(device.next().topic()).isEqualTo(device.topic("sync/SYNCDOWN"));
    }

    @Test
    void storeSetAndGetRoundTrip() throws Exception {
        device.ingest("store/set", "{\"key\":\"color\",\"value\":\"blue\",\"type\":\"string\"}");
        device.ingest("store/set", "{\"key\":\"temp\",\"value\":4.2,\"type\":\"number\"}");
        device.ingest("store/set", "{\"key\":\"on\",\"value\":true,\"type\":\"boolean\"}");
        assertThat(storeGet("color", 100)).isEqualTo("blue");
        assertThat(storeGet("temp", 101)).isEqualTo("4.2");
        assertThat(storeGet("on", 102)).isEqualTo("true");
        assertThat(storeGet("nothing", 103)).isEmpty();

        // with a seq, store/set is answered like store/get, with the value stored
        device.publish("ioto/service/" + ID + "/store/set/104", "{\"key\":\"color\",\"value\":\"red\"}");
        assertThat(device.next()).isEqualTo(new Message(device.topic("store/set/104"), "red"));
        assertThat(storeGet("color", 105)).isEqualTo("red");
    }

    @Test
    void aMalformedMessageIsDroppedAndTheNextOneHandled() throws Exception {
        device.ingest("db/syncToDynamo", "not json");
        device.ingest("db/syncToDynamo", "{\"seq\":\"7\",\"changes\":[]}");
        device.ingest("db/syncToDynamo", "{\"seq\":7,\"changes\":[{\"cmd\":\"drop\",\"key\":\"s#x\",\"item\":{}}]}");
        device.ingest("db/syncToDynamo", "{\"seq\":7,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"s#x\",\"item\":[]}]}");
        device.ingest("db/syncDown", "{\"timestamp\":5}");
        device.ingest("store/set", "{\"key\":\"k\",\"value\":{}}");
        device.publish("ioto/service/" + ID + "/store/get/104", "[1,2]");
        device.ingest("db/syncToDynamo", "{\"seq\":8,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"s#counter\",\"item\":"
                + counter("9", "2026-11-22T02:30:31.000Z") + "}]}");
        assertThat(device.next()).isEqualTo(new Message(device.topic("sync/SYNC"),
                "{\"seq\":8,\"keys\":[\"s#counter\"],\"updated\":\"2026-11-22T02:30:31.000Z\"}"));
        assertThat(storeGet("counter", 105)).isEqualTo("9");
        assertThat(device.poll(200)).as("nothing answered the bad ones").isNull();
    }

    @Test
    void syncedItemsSurviveACloudRestart() throws Exception {
        device.ingest("db/syncToDynamo", "{\"seq\":11,\"changes\":[{\"cmd\":\"upsert\",\"key\":\"s#counter\",\"item\":"
                + counter("42", "2026-11-22T02:30:31.000Z") + "}]}");
        assertThat(device.next().topic()).isEqualTo(device.topic("sync/SYNC"));
        cloud.sync().store().set(ID, "mode", "eco", "string").get();
        assertThat(device.next().topic()).isEqualTo(device.topic("sync/UPSERT"));
        device.disconnect();
        cloud.stop();

        cloud = startCloud();
        device.connect(cloud);
        assertThat(storeGet("counter", 100)).isEqualTo("42");
        device.ingest("db/syncDown", "{\"timestamp\":\"1970-01-01T00:00:00.000Z\"}");
        Message upsert = device.next();
        assertThat(upsert.topic()).isEqualTo(device.topic("sync/UPSERT"));
        assertThat(upsert.payload()).contains("\"value\":\"eco\"");
        assertThat(device.next().topic()).isEqualTo(device.topic("sync/SYNCDOWN"));
    }
}
