package org.openioto.cloud.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.cloud.db.Database;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Migrations;
import org.openioto.cloud.db.Products;
import org.openioto.cloud.db.Seed;

/** Sync's routing, checks and threading, on an H2 database, with a fake downlink instead of the broker. */
class SyncTest {

    private static final String ID = "DEV0000001";
    private static final String SYNC_DOWN = "$aws/rules/IotoDevice/ioto/service/" + ID + "/db/syncDown";
    private static final Instant NOW = Instant.parse("2026-11-22T02:30:29.842Z");

    @TempDir
    Path dir;

    private Database db;
    private Sync sync;
    private final FakeDownlink downlink = new FakeDownlink(Set.of(ID));

    @BeforeEach
    void open() throws Exception {
        db = Database.open("jdbc:h2:" + dir.resolve("db"));
        Migrations.apply(db);
        Seed.apply(db, Optional.of("pw"));
        long product = new Products(db).byToken(Seed.DEFAULT_PRODUCT_TOKEN).orElseThrow().id();
        new Devices(db, Clock.systemUTC()).register(ID, product);
        sync = new Sync(db, Clock.fixed(NOW, ZoneOffset.UTC));
        sync.attach(downlink);
    }

    @AfterEach
    void close() throws Exception {
        sync.close();
        db.close();
    }

    private void accept(String clientId, String topic, String payload) {
        sync.accept(clientId, topic, payload.getBytes(UTF_8));
    }

    @Test
    void answersOnALaneNotTheCallersThread() {
        accept(ID, SYNC_DOWN, "{\"timestamp\":\"1970-01-01T00:00:00.000Z\"}");
        await().until(() -> downlink.sent.size() == 1);
        FakeDownlink.Sent s = downlink.sent.get(0);
        assertThat(s.topic()).isEqualTo("ioto/device/" + ID + "/sync/SYNCDOWN");
        assertThat(s.payload()).isEqualTo("{\"updated\":\"2026-11-22T02:30:29.842Z\"}");
        assertThat(s.thread()).startsWith("sync-lane-").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void dropsATopicNamingAnotherDevice() {
        accept("OTHER00001", SYNC_DOWN, "{\"timestamp\":\"1970-01-01T00:00:00.000Z\"}");
        accept(ID, SYNC_DOWN, "{\"timestamp\":\"2026-11-22T02:30:30.000Z\"}");
        await().until(() -> !downlink.sent.isEmpty());
        assertThat(downlink.sent).extracting(FakeDownlink.Sent::payload)
                .containsExactly("{\"updated\":\"2026-11-22T02:30:30.000Z\"}");
    }

    @Test
    void dropsOversizedAndMalformedPayloadsThenHandlesTheNext() {
        String padding = "x".repeat(Sync.MAX_MESSAGE_BYTES);
        accept(ID, SYNC_DOWN, "{\"timestamp\":\"1970-01-01T00:00:00.000Z\",\"pad\":\"" + padding + "\"}");
        accept(ID, SYNC_DOWN, "{\"timestamp\":");
        accept(ID, SYNC_DOWN, "{\"timestamp\":\"" + "9".repeat(33) + "\"}");
        accept(ID, "ioto/service/" + ID + "/store/get", "{\"key\":\"k\"}"); // no seq to reply with
        accept(ID, "ioto/service/" + ID + "/metric/set", "{}"); // this sync keeps no metrics
        accept(ID, SYNC_DOWN, "{\"timestamp\":\"1970-01-01T00:00:00.000Z\"}");
        await().until(() -> !downlink.sent.isEmpty());
        assertThat(downlink.sent).extracting(FakeDownlink.Sent::topic).containsExactly("ioto/device/" + ID + "/sync/SYNCDOWN");
    }

    @Test
    void aCloudSideChangeGoesToAConnectedDeviceAtOnce() throws Exception {
        sync.store().set(ID, "mode", "auto", "string").get();
        assertThat(downlink.sent).singleElement().satisfies(s -> {
            assertThat(s.topic()).isEqualTo("ioto/device/" + ID + "/sync/UPSERT");
            assertThat(s.payload()).isEqualTo("{\"key\":\"mode\",\"value\":\"auto\",\"type\":\"string\",\"deviceId\":\""
                    + ID + "\",\"sk\":\"s#mode\",\"_type\":\"Store\",\"created\":\"2026-11-22T02:30:29.842Z\","
                    + "\"updated\":\"2026-11-22T02:30:29.842Z\"}");
        });
        // a second write in the same millisecond still sorts after the first on the device
        sync.store().set(ID, "mode", "eco", "string").get();
        assertThat(downlink.sent.get(1).payload()).contains("\"created\":\"2026-11-22T02:30:29.842Z\"",
                "\"updated\":\"2026-11-22T02:30:29.843Z\"");
    }

    @Test
    void aCloudSideChangeForAnUnknownDeviceFails() {
        assertThatThrownBy(() -> sync.store().set("NOSUCHDEV1", "k", "v", "string").get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sync.store().set(ID, "k", "v", "date")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sync.store().set(ID, "", "v", "string")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStaleChangeOfACloudItemSendsTheCloudsItemBack() throws Exception {
        sync.store().set(ID, "mode", "auto", "string").get();
        accept(ID, "ioto/service/" + ID + "/db/syncToDynamo", "{\"seq\":3,\"changes\":[{\"cmd\":\"upsert\","
                + "\"key\":\"s#mode\",\"item\":{\"key\":\"mode\",\"value\":\"old\",\"type\":\"string\",\"sk\":\"s#mode\","
                + "\"_type\":\"Store\",\"updated\":\"2026-11-22T02:30:29.000Z\"}}]}");
        await().until(() -> downlink.sent.size() == 3);
        assertThat(downlink.sent.get(1).payload())
                .isEqualTo("{\"seq\":3,\"keys\":[\"s#mode\"],\"updated\":\"2026-11-22T02:30:29.000Z\"}");
        assertThat(downlink.sent.get(2).topic()).isEqualTo("ioto/device/" + ID + "/sync/UPSERT");
        assertThat(downlink.sent.get(2).payload()).contains("\"value\":\"auto\"");
    }
}
