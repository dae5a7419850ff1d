package org.openioto.cloud.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.Cloud;
import org.openioto.cloud.CloudOptions;
import org.openioto.cloud.http.Json;
import org.openioto.cloud.sync.TestDevice.Message;

/**
 * Ioto's metric topics against a running cloud, over MQTT over TLS with certificates the cloud
 * issued, and the manager's metric queries over HTTP. Samples land in buckets by the cloud's own
 * clock; every period asked covers at least the last 300 s, far more than a test takes.
 */
@Timeout(120)
class DeviceMetricsIT {

    private static final String ID = "W3DS2DCGXJ";
    private static final String OTHER = "K7QX2MBT4P";

    @TempDir
    Path dir;

    private Cloud cloud;
    private TestDevice device;
    private TestDevice other;
    private int seq = 100;

    @BeforeEach
    void start() throws Exception {
        cloud = startCloud();
        device = TestDevice.provision(cloud, ID).connect(cloud);
        other = TestDevice.provision(cloud, OTHER).connect(cloud);
    }

    @AfterEach
    void stop() throws Exception {
        for (TestDevice d : new TestDevice[] {device, other}) {
            if (d != null) {
                d.close();
            }
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

    /** metric/set as ioSetMetric publishes it, with its default dimensions. */
    private static void set(TestDevice d, String metric, String value) throws Exception {
        d.ingest("metric/set", "{\"metric\":\"" + metric + "\",\"value\":" + value
                + ",\"dimensions\":[{\"Device\":\"${deviceId}\"}],\"buffer\":{\"elapsed\":0}}");
    }

    /** metric/get as ioGetMetric sends it, and the reply, which must be the next message the device gets. */
    private String get(TestDevice d, String metric, String statistic) throws Exception {
        int n = seq++;
        d.publish("ioto/service/" + d.id + "/metric/get/" + n, "{\"metric\":\"" + metric
                + "\",\"dimensions\":{\"Device\":\"${deviceId}\"},\"period\":300,\"statistic\":\"" + statistic + "\"}");
        Message reply = d.next();
        assertThat(reply.topic()).isEqualTo(d.topic("metric/get/" + n));
        return reply.payload();
    }

    @Test
    void aDevicesSamplesAnswerItsMetricGet() throws Exception {
        set(device, "RANDOM", "1");
        set(device, "RANDOM", "2.5");
        set(device, "RANDOM", "5.5");
        set(other, "RANDOM", "100");
        assertThat(get(device, "RANDOM", "avg")).isEqualTo("3");
        assertThat(get(device, "RANDOM", "min")).isEqualTo("1");
        assertThat(get(device, "RANDOM", "max")).isEqualTo("5.5");
        assertThat(get(device, "RANDOM", "count")).isEqualTo("3");
        assertThat(get(device, "RANDOM", "sum")).isEqualTo("9");
        assertThat(get(device, "RANDOM", "current")).isEqualTo("5.5");
        assertThat(get(other, "RANDOM", "avg")).isEqualTo("100");
        assertThat(get(device, "NOTHING", "avg")).isEqualTo("NAN");
    }

    @Test
    void counterComesFromTheSyncedStoreItemAndTheManagerReadsIt() throws Exception {
        for (String[] v : new String[][] {{"7", "2026-11-22T02:30:31.000Z"}, {"9", "2026-11-22T02:30:32.000Z"}}) {
            device.ingest("db/syncToDynamo", "{\"seq\":" + v[0] + ",\"changes\":[{\"cmd\":\"upsert\",\"key\":\"s#counter\","
                    + "\"item\":{\"key\":\"counter\",\"value\":\"" + v[0] + "\",\"type\":\"number\",\"deviceId\":\"" + ID
                    + "\",\"sk\":\"s#counter\",\"_type\":\"Store\",\"updated\":\"" + v[1] + "\"}}]}");
            assertThat(device.next().topic()).isEqualTo(device.topic("sync/SYNC"));
        }
        // after the device's own request, on its lane, the samples are certainly recorded
        assertThat(get(device, "COUNTER", "max")).isEqualTo("9");

        String token = login();
        Map<String, Object> count = json(manager("/manager/metrics?metric=COUNTER&device=" + ID
                + "&period=300&statistic=count", token), 200);
        assertThat(count).isEqualTo(Map.of("metric", "COUNTER", "dimensions", Map.of("Device", ID),
                "period", 300, "statistic", "count", "value", 2)); // small numbers parse as Integer
        assertThat(json(manager("/manager/metrics?metric=COUNTER&device=" + ID + "&statistic=avg", token), 200))
                .containsEntry("value", 8.0);
        assertThat(json(manager("/manager/metrics?metric=COUNTER", token), 200))
                .as("the fleet has no COUNTER samples").containsEntry("dimensions", Map.of()).containsEntry("value", null);

        Map<String, Object> series = json(manager("/manager/metrics/series?metric=COUNTER&device=" + ID + "&span=3600",
                token), 200);
        assertThat(series).containsEntry("span", 3600);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> points = (List<Map<String, Object>>) series.get("points");
        // one hourly bucket, or two if an hour began between the samples
        assertThat(points).hasSizeBetween(1, 2).allSatisfy(p -> assertThat((String) p.get("start")).endsWith(":00:00Z"));
        assertThat(points.stream().mapToLong(p -> ((Number) p.get("count")).longValue()).sum()).isEqualTo(2);
        assertThat(points.stream().mapToDouble(p -> (Double) p.get("sum")).sum()).isEqualTo(16.0);
        assertThat(points.get(points.size() - 1)).containsEntry("max", 9.0).containsEntry("current", 9.0);
        if (points.size() == 1) {
            assertThat(points.get(0)).containsEntry("count", 2).containsEntry("min", 7.0).containsEntry("avg", 8.0);
        }
    }

    @Test
    void theManagerApiRefusesBadQueries() throws Exception {
        String token = login();
        assertThat(manager("/manager/metrics?metric=COUNTER", null).statusCode()).isEqualTo(401);
        assertThat(manager("/manager/metrics?metric=COUNTER", "not-a-session").statusCode()).isEqualTo(401);
        for (String query : List.of("", "metric=", "metric=A%20B", "metric=X&period=0", "metric=X&period=abc",
                "metric=X&statistic=median")) {
            HttpResponse<String> r = manager("/manager/metrics?" + query, token);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(r.body()).startsWith("{\"error\":");
        }
        assertThat(manager("/manager/metrics/series?metric=X&span=60", token).statusCode()).isEqualTo(400);
        assertThat(manager("/manager/metrics?metric=X&device=NOSUCHDEV1", token).statusCode()).isEqualTo(404);
        assertThat(manager("/manager/metrics/series?metric=X&device=NOSUCHDEV1", token).statusCode()).isEqualTo(404);
        assertThat(manager("/manager/metrics?metric=X", token).statusCode()).isEqualTo(200);
    }

    @Test
    void badSamplesAreDroppedWithoutHarmingTheConnectionOrOtherDevices() throws Exception {
        device.ingest("metric/set", "not json");
        device.ingest("metric/set", "{\"metric\":\"RANDOM\",\"value\":\"5\"}");
        device.ingest("metric/set", "{\"metric\":\"RANDOM\",\"value\":1e999}");
        device.ingest("metric/set", "{\"metric\":\"RAN DOM\",\"value\":1}");
        device.ingest("metric/set", "{\"metric\":\"RANDOM\",\"value\":1,\"dimensions\":[{\"Device\":\"" + OTHER + "\"}]}");
        device.ingest("metric/set", "{\"metric\":\"RANDOM\",\"value\":1,\"dimensions\":[{\"Device\":\"${accountId}\"}]}");
        device.ingest("metric/set", "{\"metric\":\"RANDOM\",\"value\":1,\"dimensions\":{\"Device\":\"${deviceId}\"}}");
        device.publish("ioto/service/" + ID + "/metric/get/50", "{\"metric\":\"RANDOM\",\"statistic\":\"median\"}");
        device.publish("ioto/service/" + ID + "/metric/get/51",
                "{\"metric\":\"RANDOM\",\"dimensions\":{\"Device\":\"" + OTHER + "\"}}");
        set(other, "RANDOM", "4");
        assertThat(get(other, "RANDOM", "count")).as("another device, meanwhile").isEqualTo("1");
        set(device, "RANDOM", "2");
        assertThat(get(device, "RANDOM", "count")).as("only the good sample, and no reply before").isEqualTo("1");
        assertThat(get(other, "RANDOM", "count")).as("nothing of the bad ones went to the other device").isEqualTo("1");
        assertThat(device.poll(200)).isNull();
    }

    @Test
    void flushedStatisticsSurviveACloudRestart() throws Exception {
        set(device, "RANDOM", "3");
        set(device, "RANDOM", "5");
        device.ingest("metric/set", "{\"metric\":\"LOAD\",\"value\":7,\"dimensions\":[{}]}");
        assertThat(get(device, "RANDOM", "count")).isEqualTo("2");
        device.disconnect();
        other.disconnect();
        cloud.stop();

        cloud = startCloud();
        device.connect(cloud);
        assertThat(get(device, "RANDOM", "count")).isEqualTo("2");
        assertThat(get(device, "RANDOM", "avg")).isEqualTo("4");
        assertThat(get(device, "RANDOM", "current")).isEqualTo("5");
        int n = seq++;
        device.publish("ioto/service/" + ID + "/metric/get/" + n, "{\"metric\":\"LOAD\",\"dimensions\":{},\"period\":3600,"
                + "\"statistic\":\"sum\"}");
        assertThat(device.next()).isEqualTo(new Message(device.topic("metric/get/" + n), "7"));
    }

    private String login() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cloud.baseUrl() + "/manager/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"admin\",\"password\":\"" + TestDevice.PASSWORD
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return (String) json(r, 200).get("token");
    }

    private HttpResponse<String> manager(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + pathAndQuery)).GET();
        if (token != null) {
            b.header("Authorization", "bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.parseObject(r.body().getBytes(UTF_8), 1 << 20);
    }
}
