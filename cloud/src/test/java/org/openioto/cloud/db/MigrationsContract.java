package org.openioto.cloud.db;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openioto.cloud.metrics.Dimensions;
import org.openioto.cloud.metrics.ItemMetricRule;
import org.openioto.cloud.metrics.Metrics;
import org.openioto.cloud.metrics.Series;
import org.openioto.cloud.metrics.Span;
import org.openioto.cloud.metrics.Statistic;
import org.openioto.cloud.sync.Downlink;
import org.openioto.cloud.sync.Sync;

/**
 * What every supported database must do with our SQL: migrate once, seed once, keep data over a
 * reconnect, and run the upsert, claim and sync statements.
 */
abstract class MigrationsContract {

    /** A URL of an empty database that stays the same for the whole test. */
    abstract String jdbcUrl();

    @Test
    void migratesSeedsAndKeepsDataAcrossRestart() throws Exception {
        try (Database db = Database.open(jdbcUrl())) {
            assertThat(Migrations.apply(db)).isEqualTo(Migrations.SCRIPTS.size());
            assertThat(Seed.apply(db, Optional.of("pw"))).isEmpty();
            long product = new Products(db).byToken(Seed.DEFAULT_PRODUCT_TOKEN).orElseThrow().id();
            Devices devices = new Devices(db, Clock.systemUTC());
            Device first = devices.register("W3DS2DCGXJ", product);
            assertThat(first.isClaimed()).isFalse();
            assertThat(devices.register("W3DS2DCGXJ", product).registered()).isEqualTo(first.registered());
            long account = new Users(db).authenticate("admin", "pw").orElseThrow().accountId();
            assertThat(devices.claim("W3DS2DCGXJ", account)).isEqualTo(Devices.ClaimResult.CLAIMED);
            assertThat(devices.claim("NOSUCHDEV1", account)).isEqualTo(Devices.ClaimResult.NOT_FOUND);
        }
        try (Database db = Database.open(jdbcUrl())) {
            assertThat(Migrations.apply(db)).isZero();
            assertThat(Seed.apply(db, Optional.empty())).as("no second admin password").isEmpty();
            long[] counts = db.transaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                        "SELECT (SELECT COUNT(*) FROM product), (SELECT COUNT(*) FROM app_user), "
                                + "(SELECT COUNT(*) FROM schema_version)")) {
                    r.next();
                    return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
                }
            });
            assertThat(counts).containsExactly(1, 1, Migrations.SCRIPTS.size());
            Device device = new Devices(db, Clock.systemUTC()).byId("W3DS2DCGXJ").orElseThrow();
            assertThat(device.isClaimed()).isTrue();
            assertThat(device.claimed()).isPresent();
            assertThat(new Users(db).authenticate("admin", "pw")).isPresent();
        }
    }

    @Test
    void issuesTokensStoredOnlyAsHashes() throws Exception {
        try (Database db = Database.open(jdbcUrl())) {
            Migrations.apply(db);
            Seed.apply(db, Optional.of("pw"));
            long product = new Products(db).byToken(Seed.DEFAULT_PRODUCT_TOKEN).orElseThrow().id();
            Devices devices = new Devices(db, Clock.systemUTC());
            devices.register("DEV0000001", product);
            String token = devices.issueToken("DEV0000001");
            assertThat(devices.byId("DEV0000001").orElseThrow().tokenHash()).contains(Tokens.hash(token));
            String second = devices.issueToken("DEV0000001");
            assertThat(devices.byId("DEV0000001").orElseThrow().tokenHash()).contains(Tokens.hash(second));
        }
    }

    @Test
    void runsTheSyncStatements() throws Exception {
        try (Database db = Database.open(jdbcUrl())) {
            Migrations.apply(db);
            Seed.apply(db, Optional.of("pw"));
            long product = new Products(db).byToken(Seed.DEFAULT_PRODUCT_TOKEN).orElseThrow().id();
            new Devices(db, Clock.systemUTC()).register("DEV0000001", product);
            List<String> sent = new CopyOnWriteArrayList<>();
            try (Sync sync = new Sync(db, Clock.systemUTC())) {
                sync.attach(new Downlink() {
                    @Override
                    public void send(String topic, byte[] payload) {
                        sent.add(topic.substring(topic.lastIndexOf('/') + 1) + " " + new String(payload, UTF_8));
                    }

                    @Override
                    public boolean connected(String deviceId) {
                        return false;
                    }
                });
                // inserted, then replaced by the MERGE
                sync.store().set("DEV0000001", "mode", "auto", "string").get();
                sync.store().set("DEV0000001", "mode", "eco", "string").get();
                String topic = "ioto/service/DEV0000001/";
                sync.accept("DEV0000001", topic + "db/syncToDynamo", ("{\"seq\":1,\"changes\":[{\"cmd\":\"upsert\","
                        + "\"key\":\"s#n\",\"item\":{\"sk\":\"s#n\",\"_type\":\"Store\",\"value\":\"1\","
                        + "\"updated\":\"2026-11-22T02:30:29.842Z\"}}]}").getBytes(UTF_8));
                sync.accept("DEV0000001", topic + "db/syncDown", "{\"timestamp\":\"1970-01-01T00:00:00.000Z\"}".getBytes(UTF_8));
                sync.accept("DEV0000001", topic + "store/get/100", "{\"key\":\"n\"}".getBytes(UTF_8));
                await().until(() -> sent.size() == 4);
            }
            assertThat(sent.get(0)).startsWith("SYNC {\"seq\":1,\"keys\":[\"s#n\"]");
            assertThat(sent.get(1)).startsWith("UPSERT {\"key\":\"mode\",\"value\":\"eco\"");
            assertThat(sent.get(2)).startsWith("SYNCDOWN ");
            assertThat(sent.get(3)).isEqualTo("100 1");
        }
    }

    @Test
    void runsTheMetricStatements() throws Exception {
        try (Database db = Database.open(jdbcUrl())) {
            Migrations.apply(db);
            Seed.apply(db, Optional.of("pw"));
            long product = new Products(db).byToken(Seed.DEFAULT_PRODUCT_TOKEN).orElseThrow().id();
            Devices devices = new Devices(db, Clock.systemUTC());
            devices.register("DEV0000001", product);
            long account = new Users(db).authenticate("admin", "pw").orElseThrow().accountId();
            devices.claim("DEV0000001", account);
            Series series = Series.device(account, "RANDOM", Dimensions.device("DEV0000001"));
            try (Metrics metrics = new Metrics(db, Clock.systemUTC(), Duration.ZERO, ItemMetricRule.DEFAULTS)) {
                assertThat(metrics.accountOf("DEV0000001")).contains(account);
                metrics.record(series, 2);
                metrics.flush(); // inserted
                metrics.record(series, 4);
                metrics.flush(); // added to by the MERGE
                assertThat(metrics.value(series, 300, Statistic.COUNT)).contains(2L);
                assertThat(metrics.value(series, 3600, Statistic.AVG)).contains(3.0);
                assertThat(metrics.value(series, 300, Statistic.MAX)).contains(4.0);
                assertThat(metrics.points(series, Span.HOUR)).singleElement()
                        .satisfies(p -> assertThat(p.stats().sum()).isEqualTo(6.0));
            }
        }
    }
}
