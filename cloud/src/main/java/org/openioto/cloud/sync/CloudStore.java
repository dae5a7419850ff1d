package org.openioto.cloud.sync;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.openioto.cloud.db.Database;

/**
 * Changes a device's Store items from the cloud side (the manager API). Each change is written as
 * the cloud's and sent to the device at once if it is connected; otherwise the device gets it
 * with its next syncDown. Changes for one device are applied in order with its own messages.
 * Thread-safe.
 */
public final class CloudStore {

    /** Largest value accepted, well inside a 128 KB MQTT message with the rest of the item. */
    public static final int MAX_VALUE_CHARS = 64 * 1024;

    private final Database db;
    private final Clock clock;
    private final Lanes lanes;
    private final ItemSync sync;
    private final Downlink downlink;

    CloudStore(Database db, Clock clock, Lanes lanes, ItemSync sync, Downlink downlink) {
        this.db = db;
        this.clock = clock;
        this.lanes = lanes;
        this.sync = sync;
        this.downlink = downlink;
    }

    /**
     * Sets Store item {@code key} of a device to {@code value} (kept as a string, as Ioto does).
     * The future completes on a sync thread once the item is stored (and sent, if the device is
     * connected), or exceptionally with the {@link java.sql.SQLException} if it cannot be stored,
     * e.g. for an unknown device, or a {@link RejectedExecutionException} if sync is closed.
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
        return onLane(deviceId, () -> Optional.of(db.transaction(c ->
                StoreItems.write(c, deviceId, key, value, type, Item.CLOUD, clock.instant()))));
    }

    /**
     * Removes Store item {@code key} of a device; nothing happens if it has none. Completes as
     * {@link #set} does.
     */
    public CompletableFuture<Void> remove(String deviceId, String key) {
        check(deviceId, key);
        return onLane(deviceId, () -> db.transaction(c ->
                StoreItems.remove(c, deviceId, key, Item.CLOUD, clock.instant())));
    }

    private interface Write {
        Optional<Item> run() throws Exception;
    }

    private CompletableFuture<Void> onLane(String deviceId, Write write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            lanes.run(deviceId, () -> {
                try {
                    Optional<Item> item = write.run();
                    if (item.isPresent() && downlink.connected(deviceId)) {
                        sync.send(deviceId, item.get());
                    }
                    done.complete(null);
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
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
