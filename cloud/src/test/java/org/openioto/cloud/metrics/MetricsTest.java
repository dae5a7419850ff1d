package org.openioto.cloud.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.FakeClock;
import org.openioto.cloud.db.Database;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Migrations;
import org.openioto.cloud.db.Products;
import org.openioto.cloud.db.Seed;
import org.openioto.cloud.db.Users;

/** Buckets, statistics, flushing and pruning on an H2 database, on a clock the test moves. */
class MetricsTest {

    private static final String ID = "DEV0000001";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock("2026-11-22T09:01:00Z");
    private Database db;
    private Metrics metrics;
    private Series random;

    @BeforeEach
    void open() throws Exception {
        db = Database.open("jdbc:h2:" + dir.resolve("db"));
        Migrations.apply(db);
        Seed.apply(db, Optional.of("pw"));
        long product = new Products(db).byToken(Seed.DEFAULT_PRODUCT_TOKEN).orElseThrow().id();
        Devices devices = new Devices(db, clock);
        devices.register(ID, product);
        devices.register("UNCLAIMED1", product);
        long account = new Users(db).authenticate("admin", "pw").orElseThrow().accountId();
        devices.claim(ID, account);
        metrics = new Metrics(db, clock, Duration.ZERO, ItemMetricRule.DEFAULTS);
        random = Series.device(account, "RANDOM", Dimensions.device(ID));
    }

    @AfterEach
    void close() throws Exception {
        metrics.close();
        db.close();
    }

    private void recordAt(String time, double value) {
        clock.set(time);
        assertThat(metrics.record(random, value)).isTrue();
    }

    private Optional<Number> value(long period, Statistic statistic) throws Exception {
        return metrics.value(random, period, statistic);
    }

    @Test
    void answersEachStatisticOverTheLastPeriod() throws Exception {
        recordAt("2026-11-22T09:01:00Z", 1);
        recordAt("2026-11-22T09:01:01Z", 2);
        recordAt("2026-11-22T09:01:02Z", 6);
        assertThat(value(300, Statistic.AVG)).contains(3.0);
        assertThat(value(300, Statistic.MIN)).contains(1.0);
        assertThat(value(300, Statistic.MAX)).contains(6.0);
        assertThat(value(300, Statistic.COUNT)).contains(3L);
        assertThat(value(300, Statistic.SUM)).contains(9.0);
        assertThat(value(300, Statistic.CURRENT)).contains(6.0);
        assertThat(metrics.value(Series.device(random.accountId(), "OTHER", Dimensions.device(ID)), 300,
                Statistic.AVG)).as("another metric").isEmpty();
        assertThat(metrics.value(Series.device(random.accountId(), "RANDOM", Dimensions.FLEET), 300,
                Statistic.AVG)).as("the fleet, which was not given these samples").isEmpty();
    }

    @Test
    void aPeriodCoversEveryBucketOverlappingIt() throws Exception {
        recordAt("2026-11-22T09:04:59Z", 10);
        recordAt("2026-11-22T09:05:00Z", 20);
        clock.set("2026-11-22T09:09:59Z"); // [09:04:59, 09:09:59] overlaps the 09:00 and 09:05 buckets
        assertThat(value(300, Statistic.COUNT)).contains(2L);
        clock.set("2026-11-22T09:10:00Z"); // [09:05, 09:10] no longer overlaps 09:00
        assertThat(value(300, Statistic.COUNT)).contains(1L);
        assertThat(value(300, Statistic.AVG)).contains(20.0);
        assertThat(value(60, Statistic.AVG)).as("[09:09, 09:10] overlaps the 09:05 bucket").contains(20.0);
        clock.set("2026-11-22T09:15:00Z");
        assertThat(value(300, Statistic.COUNT)).isEmpty();
        assertThat(value(301, Statistic.COUNT)).as("over 300 s: the hourly buckets").contains(2L);
        clock.set("2026-11-22T10:30:00Z");
        assertThat(value(3600, Statistic.COUNT)).as("[09:30, 10:30] overlaps the 09:00 hour").contains(2L);
        clock.set("2026-11-22T11:00:00Z");
        assertThat(value(3600, Statistic.COUNT)).isEmpty();
        assertThat(value(7200, Statistic.SUM)).contains(30.0);
    }

    @Test
    void keepsBucketsApartAtTheirBoundaries() throws Exception {
        recordAt("2026-11-22T08:59:59.999Z", 1);
        recordAt("2026-11-22T09:00:00Z", 2);
        recordAt("2026-11-22T09:04:59.999Z", 3);
        recordAt("2026-11-22T09:05:00Z", 4);
        metrics.flush();
        recordAt("2026-11-22T09:05:01Z", 5);
        assertThat(metrics.points(random, Span.FIVE_MINUTES)).extracting(p -> p.start().toString(),
                p -> p.stats().count(), p -> p.stats().sum()).containsExactly(
                        tuple("2026-11-22T08:55:00Z", 1L, 1.0),
                        tuple("2026-11-22T09:00:00Z", 2L, 5.0),
                        tuple("2026-11-22T09:05:00Z", 2L, 9.0));
        assertThat(metrics.points(random, Span.HOUR)).extracting(p -> p.start().toString(), p -> p.stats().count())
                .containsExactly(tuple("2026-11-22T08:00:00Z", 1L),
                        tuple("2026-11-22T09:00:00Z", 4L));
        Stats last = metrics.points(random, Span.FIVE_MINUTES).get(2).stats();
        assertThat(last).isEqualTo(new Stats(2, 9, 4, 5, 5, Instant.parse("2026-11-22T09:05:01Z").toEpochMilli()));
    }

    @Test
    void readsAddWhatIsStoredToWhatIsNotFlushedYetWithoutCountingTwice() throws Exception {
        recordAt("2026-11-22T09:01:00Z", 1);
        assertThat(value(300, Statistic.COUNT)).as("before any flush").contains(1L);
        metrics.flush();
        assertThat(rows()).isEqualTo(Map.of(300, 1L, 3600, 1L));
        recordAt("2026-11-22T09:01:01Z", 3);
        assertThat(value(300, Statistic.COUNT)).contains(2L);
        metrics.flush();
        metrics.flush();
        assertThat(value(300, Statistic.COUNT)).contains(2L);
        assertThat(value(300, Statistic.AVG)).contains(2.0);
        assertThat(value(300, Statistic.CURRENT)).contains(3.0);
        assertThat(rows()).as("the second flush added to the same rows").isEqualTo(Map.of(300, 1L, 3600, 1L));
    }

    @Test
    void theLatestSampleStaysCurrentWhateverOrderFlushesCome() throws Exception {
        recordAt("2026-11-22T09:01:02Z", 8);
        metrics.flush();
        recordAt("2026-11-22T09:01:01Z", 7); // a clock stepping back: the stored sample is still the latest
        metrics.flush();
        assertThat(value(300, Statistic.CURRENT)).contains(8.0);
        assertThat(value(300, Statistic.MIN)).contains(7.0);
    }

    @Test
    void closingFlushesAndANewInstanceReadsWhatWasStored() throws Exception {
        recordAt("2026-11-22T09:01:00Z", 5);
        recordAt("2026-11-22T09:01:01Z", 7);
        metrics.close();
        metrics = new Metrics(db, clock, Duration.ZERO, ItemMetricRule.DEFAULTS);
        assertThat(value(300, Statistic.COUNT)).contains(2L);
        assertThat(value(300, Statistic.MAX)).contains(7.0);
        assertThat(value(300, Statistic.CURRENT)).contains(7.0);
    }

    @Test
    void prunesBucketsBeyondThoseKept() throws Exception {
        recordAt("2026-11-22T09:00:00Z", 1);
        clock.set("2026-11-22T09:59:59Z"); // the 09:00 bucket is the 12th kept
        metrics.flush();
        assertThat(rows()).isEqualTo(Map.of(300, 1L, 3600, 1L));
        assertThat(metrics.points(random, Span.FIVE_MINUTES)).hasSize(1);
        clock.set("2026-11-22T10:00:00Z");
        assertThat(metrics.points(random, Span.FIVE_MINUTES)).as("not kept, even before the prune").isEmpty();
        metrics.flush();
        assertThat(rows()).isEqualTo(Map.of(3600, 1L));
        clock.set("2026-11-24T08:59:59Z"); // the 09:00 hour is the 48th kept
        metrics.flush();
        assertThat(rows()).isEqualTo(Map.of(3600, 1L));
        assertThat(metrics.points(random, Span.HOUR)).hasSize(1);
        clock.set("2026-11-24T09:00:00Z");
        metrics.flush();
        assertThat(rows()).isEmpty();
    }

    @Test
    void derivesCounterFromTheStoreItemCounterOfTheSyncingDevice() throws Exception {
        Series counter = Series.device(random.accountId(), "COUNTER", Dimensions.device(ID));
        // the item's own deviceId is not trusted: the syncing device is the dimension
        metrics.itemStored(ID, "Store", Map.<String, Object>of("key", "counter", "value", "7", "type", "number",
                "deviceId", "SOMEONE123"));
        metrics.itemStored(ID, "Store", Map.<String, Object>of("key", "counter", "value", 9, "type", "number"));
        metrics.itemStored(ID, "Store", Map.<String, Object>of("key", "other", "value", "100", "type", "number"));
        metrics.itemStored(ID, "Store", Map.<String, Object>of("key", "counter", "value", "lots", "type", "string"));
        metrics.itemStored(ID, "Store", Map.<String, Object>of("key", "counter", "value", "NaN", "type", "number"));
        metrics.itemStored(ID, "Log", Map.<String, Object>of("key", "counter", "value", "100"));
        metrics.itemStored("UNCLAIMED1", "Store", Map.<String, Object>of("key", "counter", "value", "100"));
        assertThat(metrics.value(counter, 300, Statistic.COUNT)).contains(2L);
        assertThat(metrics.value(counter, 300, Statistic.SUM)).contains(16.0);
        assertThat(metrics.value(counter, 300, Statistic.CURRENT)).contains(9.0);
        assertThat(metrics.value(Series.device(random.accountId(), "COUNTER", Dimensions.device("SOMEONE123")),
                300, Statistic.COUNT)).isEmpty();
    }

    @Test
    void aRuleMayNameItemFieldsAndTheFleet() throws Exception {
        metrics.close();
        metrics = new Metrics(db, clock, Duration.ZERO, List.of(
                new ItemMetricRule("Reading", Map.of("kind", "temp"), "celsius", "Embedthis/Device", "TEMP",
                        Map.of("Room", "room")),
                new ItemMetricRule("Reading", Map.of("kind", "temp"), "celsius", "Embedthis/Device", "TEMP", Map.of())));
        metrics.itemStored(ID, "Reading", Map.<String, Object>of("kind", "temp", "celsius", 21.5, "room", "hall"));
        metrics.itemStored(ID, "Reading", Map.<String, Object>of("kind", "temp", "celsius", 19.5)); // no room: the fleet only
        long account = random.accountId();
        assertThat(metrics.value(new Series(account, "Embedthis/Device", "TEMP",
                new Dimensions(new TreeMap<>(Map.of("Room", "hall")))), 300, Statistic.AVG)).contains(21.5);
        assertThat(metrics.value(Series.device(account, "TEMP", Dimensions.FLEET), 300, Statistic.AVG)).contains(20.5);
    }

    @Test
    void refusesValuesThatAreNotFinite() {
        assertThatThrownBy(() -> metrics.record(random, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.record(random, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.value(random, 0, Statistic.AVG)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Stored rows per bucket width. */
    private Map<Integer, Long> rows() throws Exception {
        return db.transaction(c -> {
            Map<Integer, Long> out = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT width, COUNT(*) FROM metric_bucket GROUP BY width")) {
                while (r.next()) {
                    out.put(r.getInt(1), r.getLong(2));
                }
            }
            return out;
        });
    }
}
