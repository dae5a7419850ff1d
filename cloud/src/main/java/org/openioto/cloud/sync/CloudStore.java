package org.openioto.cloud.sync;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openioto.cloud.db.Database;

/**
 * Changes a device's Store items from the cloud side (the manager API), through {@link CloudWrites}:
 * written as the cloud's, in order with the device's own messages, and sent at once if it is
 * connected. Thread-safe.
 */
public final class CloudStore {

    /** Largest value accepted, well inside a 128 KB MQTT message with the rest of the item. */
    public static final int MAX_VALUE_CHARS = 64 * 1024;

    /**
     * A live Store item as the manager sees it.
     *
     * @param value the value as the device keeps it, a string
     * @param type {@code string}, {@code number} or {@code boolean}
     * @param updated its {@code updated} timestamp
     */
    public record Entry(String key, String value, String type, String updated) { }

    private final Database db;
    private final Clock clock;
    private final CloudWrites writes;

    CloudStore(Database db, Clock clock, CloudWrites writes) {
        this.db = db;
        this.clock = clock;
        this.writes = writes;
    }

    /**
     * Sets Store item {@code key} of a device to {@code value} (kept as a string, as Ioto does).
     * The future completes on a sync thread once the item is stored (and sent, if the device is
     * connected), or exceptionally with the {@link java.sql.SQLException} if it cannot be stored,
     * e.g. for an unknown device, or a {@link java.util.concurrent.RejectedExecutionException} if sync is closed.
     *
     * @param type {@code string}, {@code number} or {@code boolean}
     * @throws IllegalArgumentException for an empty or long key or value, or another type
     */
    public CompletableFuture<Void> set(String deviceId, String key, String value, String type) {
        check(deviceId, key);
        if (value == null || value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("Store value must be a string of at most " + MAX_VALUE_CHARS + " characters");
        }
        if (!StoreItems.TYPES.contains(type)) {
            throw new IllegalArgumentException("Store type must be string, number or boolean, got " + type);
        }
        return writes.apply(deviceId, () -> Optional.of(db.transaction(c ->
                StoreItems.write(c, deviceId, key, value, type, Item.CLOUD, clock.instant())))).thenApply(i -> null);
    }

    /**
     * Sets Store item {@code key} to a JSON string, number or boolean, typed by what it is and kept
     * as text as the device's store/set does. Completes as {@link #set(String, String, String, String)}.
     *
     * @throws IllegalArgumentException for an empty or long key or value, or any other value
     */
    public CompletableFuture<Void> set(String deviceId, String key, Object jsonValue) {
        String type = StoreItems.typeOf(jsonValue);
        if (type == null) {
            throw new IllegalArgumentException("Store value must be a string, number or boolean");
        }
        return set(deviceId, key, StoreItems.text(jsonValue), type);
    }

    /** The device's live Store items in key order; empty if it has none (or is unknown). */
    public List<Entry> list(String deviceId) throws SQLException {
        List<Entry> out = new ArrayList<>();
        for (Item i : db.transaction(c -> Items.live(c, deviceId, StoreItems.sk("")))) {
            out.add(entry(i));
        }
        return out;
    }

    /** The device's live Store item {@code key}, if it has one. */
    public Optional<Entry> get(String deviceId, String key) throws SQLException {
        return db.transaction(c -> Items.get(c, deviceId, StoreItems.sk(key))).filter(i -> !i.deleted())
                .map(CloudStore::entry);
    }

    private static Entry entry(Item i) {
        Object key = i.data().get("key");
        Object type = i.data().get("type");
        return new Entry(key instanceof String k ? k : i.sk().substring(2), StoreItems.text(i.data().get("value")),
                type instanceof String t ? t : "string", i.updated());
    }

    /**
     * Removes Store item {@code key} of a device; nothing happens if it has none. Completes as
     * {@link #set} does.
     */
    public CompletableFuture<Void> remove(String deviceId, String key) {
        check(deviceId, key);
        return writes.apply(deviceId, () -> db.transaction(c ->
                StoreItems.remove(c, deviceId, key, Item.CLOUD, clock.instant()))).thenApply(i -> null);
    }

    private static void check(String deviceId, String key) {
        if (deviceId == null || deviceId.isEmpty()) {
            throw new IllegalArgumentException("A device id is required");
        }
        if (key == null || key.isEmpty() || key.length() > Batch.MAX_KEY - 2) {
            throw new IllegalArgumentException("Store key must be 1-" + (Batch.MAX_KEY - 2) + " characters");
        }
    }
}
