package org.openioto.cloud.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.db.Database;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Migrations;
import org.openioto.cloud.db.Products;
import org.openioto.cloud.db.Seed;
import org.openioto.cloud.db.Users;
import org.openioto.cloud.metrics.ItemMetricRule;
import org.openioto.cloud.metrics.Metrics;

/** metric/set and metric/get through Sync, with a fake downlink and a clock that stands still. */
class MetricRequestsTest {

    private static final String ID = "DEV0000001";
    private static final String SET = "$aws/rules/IotoDevice/ioto/service/" + ID + "/metric/set";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:01:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Database db;
    private Metrics metrics;
    private Sync sync;
    private final FakeDownlink downlink = new FakeDownlink(Set.of(ID));
    private int seq = 100;

    @BeforeEach
    void open() throws Exception {
        db = Database.open("jdbc:h2:" + dir.resolve("db"));
        Migrations.apply(db);
        Seed.apply(db, Optional.of("pw"));
        long product = new Products(db).byToken(Seed.DEFAULT_PRODUCT_TOKEN).orElseThrow().id();
        Devices devices = new Devices(db, CLOCK);
        devices.register(ID, product);
        devices.register("OTHER00001", product);
        devices.claim(ID, new Users(db).authenticate("admin", "pw").orElseThrow().accountId());
        metrics = new Metrics(db, CLOCK, Duration.ZERO, ItemMetricRule.DEFAULTS);
        sync = new Sync(db, CLOCK, metrics);
        sync.attach(downlink);
    }

    @AfterEach
    void close() throws Exception {
        sync.close();
        metrics.close();
        db.close();
    }

    private void accept(String topic, String payload) {
        sync.accept(ID, topic, payload.getBytes(UTF_8));
    }

    private void set(String metric, String value, String dimensions) {
        accept(SET, "{\"metric\":\"" + metric + "\",\"value\":" + value + ",\"dimensions\":" + dimensions
                + ",\"buffer\":{\"elapsed\":0}}");
    }

    /** Sends metric/get with the next seq and returns the reply. */
    private String get(String body) {
        int n = seq++;
        int before = downlink.sent.size();
        accept("ioto/service/" + ID + "/metric/get/" + n, body);
        await().until(() -> downlink.sent.size() > before);
        FakeDownlink.Sent reply = downlink.sent.get(before);
        assertThat(reply.topic()).isEqualTo("ioto/device/" + ID + "/metric/get/" + n);
        return reply.payload();
    }

    private String get(String metric, String statistic) {
        return get("{\"metric\":\"" + metric + "\",\"dimensions\":{\"Device\":\"${deviceId}\"},\"period\":300,"
                + "\"statistic\":\"" + statistic + "\"}");
    }

    @Test
    void setThenGetAnswersEachStatistic() {
        set("RANDOM", "1", "[{\"Device\":\"${deviceId}\"}]");
        set("RANDOM", "2.5", "[{\"Device\":\"${deviceId}\"}]");
        accept("ioto/service/" + ID + "/metric/set", "{\"metric\":\"RANDOM\",\"value\":5.5}"); // no prefix, no dimensions
        assertThat(get("RANDOM", "avg")).isEqualTo("3");
        assertThat(get("RANDOM", "min")).isEqualTo("1");
        assertThat(get("RANDOM", "max")).isEqualTo("5.5");
        assertThat(get("RANDOM", "count")).isEqualTo("3");
        assertThat(get("RANDOM", "sum")).isEqualTo("9");
        assertThat(get("RANDOM", "current")).isEqualTo("5.5");
        assertThat(get("{\"metric\":\"RANDOM\"}")).as("defaults: own device, 300 s, avg").isEqualTo("3");
        assertThat(get("NOTHING", "avg")).isEqualTo(MetricRequests.NOT_FOUND);
    }

    @Test
    void theFleetIsItsOwnSeries() {
        set("LOAD", "4", "[{}]");
        set("LOAD", "8", "[{\"Device\":\"${deviceId}\"},{}]");
        assertThat(get("{\"metric\":\"LOAD\",\"dimensions\":{},\"period\":300,\"statistic\":\"count\"}")).isEqualTo("2");
        assertThat(get("{\"metric\":\"LOAD\",\"dimensions\":[{}],\"period\":300,\"statistic\":\"avg\"}")).isEqualTo("6");
        assertThat(get("LOAD", "count")).isEqualTo("1");
    }

    @Test
    void dropsBadMessagesAndHandlesTheNext() {
        set("RANDOM", "\"5\"", "[{}]");
        set("RANDOM", "1e400", "[{}]");
        set("RANDOM", "true", "[{}]");
        set("RAN DOM", "1", "[{}]");
        set("R".repeat(65), "1", "[{}]");
        set("RANDOM", "1", "[{\"Device\":\"OTHER00001\"}]");
        set("RANDOM", "1", "[{\"Device\":\"${accountId}\"}]");
        set("RANDOM", "1", "{}");
        set("RANDOM", "1", "[]");
        set("RANDOM", "1", "[{\"Device\":7}]");
        accept(SET, "{\"metric\":\"RANDOM\",\"value\":1,\"buffer\":5}");
        accept(SET, "[1]");
        accept("ioto/service/" + ID + "/metric/get", "{\"metric\":\"RANDOM\"}"); // no seq
        accept("ioto/service/" + ID + "/metric/get/90", "{\"metric\":\"RANDOM\",\"statistic\":\"median\"}");
        accept("ioto/service/" + ID + "/metric/get/91", "{\"metric\":\"RANDOM\",\"period\":0}");
        accept("ioto/service/" + ID + "/metric/get/92", "{\"metric\":\"RANDOM\",\"period\":\"300\"}");
        accept("ioto/service/" + ID + "/metric/get/93",
                "{\"metric\":\"RANDOM\",\"dimensions\":{\"Device\":\"OTHER00001\"}}");
        sync.accept("OTHER00001", "ioto/service/OTHER00001/metric/set", "{\"metric\":\"RANDOM\",\"value\":1}".getBytes(UTF_8));
        set("RANDOM", "2", "[{\"Device\":\"${deviceId}\"}]");
        assertThat(get("RANDOM", "count")).isEqualTo("1");
        assertThat(get("{\"metric\":\"RANDOM\",\"dimensions\":{},\"statistic\":\"count\"}")).isEqualTo("NAN");
        assertThat(downlink.sent).as("only the good gets were answered").hasSize(2);
    }

    @Test
    void derivesCounterFromStoreItemsSyncedOrSet() {
        accept("$aws/rules/IotoDevice/ioto/service/" + ID + "/db/syncToDynamo", "{\"seq\":1,\"changes\":[{\"cmd\":"
                + "\"upsert\",\"key\":\"s#counter\",\"item\":{\"key\":\"counter\",\"value\":\"3\",\"type\":\"number\","
                + "\"sk\":\"s#counter\",\"_type\":\"Store\",\"updated\":\"2026-11-22T09:00:59.000Z\"}}]}");
        // a stale change is acknowledged but not stored, so it is no sample either
        accept("$aws/rules/IotoDevice/ioto/service/" + ID + "/db/syncToDynamo", "{\"seq\":2,\"changes\":[{\"cmd\":"
                + "\"upsert\",\"key\":\"s#counter\",\"item\":{\"key\":\"counter\",\"value\":\"100\",\"type\":\"number\","
                + "\"sk\":\"s#counter\",\"_type\":\"Store\",\"updated\":\"2026-11-22T09:00:58.000Z\"}}]}");
        accept("$aws/rules/IotoDevice/ioto/service/" + ID + "/store/set", "{\"key\":\"counter\",\"value\":4,\"type\":\"number\"}");
        await().until(() -> downlink.sent.size() == 2); // the two acks
        assertThat(get("COUNTER", "count")).isEqualTo("2");
        assertThat(get("COUNTER", "current")).isEqualTo("4");
        assertThat(get("COUNTER", "max")).isEqualTo("4");
    }

    @Test
    void writesNumbersAsTheAgentReadsThem() {
        assertThat(MetricRequests.text(3.0)).isEqualTo("3");
        assertThat(MetricRequests.text(0.1)).isEqualTo("0.1");
        assertThat(MetricRequests.text(-2.25)).isEqualTo("-2.25");
        assertThat(MetricRequests.text(0.0)).isEqualTo("0");
        assertThat(MetricRequests.text(1e20)).isEqualTo("1.0E20");
        assertThat(MetricRequests.text(12345L)).isEqualTo("12345");
        assertThat(MetricRequests.text(Double.POSITIVE_INFINITY)).isEqualTo("NAN");
    }
}
