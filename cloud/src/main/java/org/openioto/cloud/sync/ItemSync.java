package org.openioto.cloud.sync;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openioto.cloud.db.Database;
import org.openioto.cloud.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ioto's database sync: {@code db/syncToDynamo} (up) and {@code db/syncDown}. Called on the device's lane. */
final class ItemSync {

    private static final Logger LOG = LoggerFactory.getLogger(ItemSync.class);

    private final Database db;
    private final Clock clock;
    private final Downlink downlink;
    private final ItemListener listener;

    ItemSync(Database db, Clock clock, Downlink downlink, ItemListener listener) {
        this.db = db;
        this.clock = clock;
        this.downlink = downlink;
        this.listener = listener;
    }

    /**
     * Stores each change of a batch, whole item last-writer-wins by {@code updated} (an older one
     * loses, an equal one wins), then acknowledges every key on {@code sync/SYNC}. A stale change
     * of an item the cloud side wrote sends the cloud's item down again, as the device does the
     * other way round. Then the {@link ItemListener} hears of each item stored.
     */
    void up(String deviceId, Map<String, Object> json) throws BadMessage, SQLException {
        Batch batch = Batch.parse(json);
        List<Object> keys = new ArrayList<>();
        List<Item> resend = new ArrayList<>();
        List<Item> written = new ArrayList<>();
        String latest = db.transaction(c -> {
            Instant now = clock.instant();
            String max = null;
            for (Batch.Change change : batch.changes()) {
                Optional<Item> stored = Items.get(c, deviceId, change.key());
                keys.add(change.key());
                if (change.updated() != null) {
                    max = max == null ? change.updated() : Timestamps.max(max, change.updated());
                }
                if (stored.isPresent() && change.updated() != null
                        && change.updated().compareTo(stored.get().updated()) < 0) {
                    LOG.debug("Kept the newer {} of {} over a stale change", change.key(), deviceId);
                    if (stored.get().origin().equals(Item.CLOUD)) {
                        resend.add(stored.get());
                    }
                    continue;
                }
                String model = change.model() != null ? change.model() : stored.map(Item::model).orElse("");
                String updated = change.updated() != null ? change.updated()
                        : stored.map(Item::updated).orElse(Timestamps.format(now));
                Item item = new Item(change.key(), model, change.item(), updated, change.removal(), Item.DEVICE);
                Items.put(c, deviceId, item, now);
                written.add(item);
            }
            return max != null ? max : Timestamps.format(now);
        });
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("seq", batch.seq());
        ack.put("keys", keys);
        // The newest updated stored, not the cloud's clock: the device moves its lastSync (the
        // syncDown watermark) to this, and a later cloud time could skip cloud changes made before it.
        ack.put("updated", latest);
        downlink.send(deviceTopic(deviceId, "SYNC"), Json.write(ack));
        for (Item item : resend) {
            send(deviceId, item);
        }
        for (Item item : written) {
            if (!item.deleted()) {
                listener.stored(deviceId, item.model(), item.data());
            }
        }
    }

    /** Sends every item the cloud side changed after {@code timestamp}, then {@code SYNCDOWN}. */
    void down(String deviceId, Map<String, Object> json) throws BadMessage, SQLException {
        if (!(json.get("timestamp") instanceof String since) || since.length() > Timestamps.MAX_LENGTH) {
            throw new BadMessage("timestamp is not a string of at most " + Timestamps.MAX_LENGTH + " characters");
        }
        record Changes(List<Item> items, String now) { }
        Changes changes = db.transaction(c ->
                new Changes(Items.cloudChangesSince(c, deviceId, since), Timestamps.format(clock.instant())));
        String updated = Timestamps.max(changes.now(), since);
        for (Item item : changes.items()) {
            send(deviceId, item);
            updated = Timestamps.max(updated, item.updated());
        }
        downlink.send(deviceTopic(deviceId, "SYNCDOWN"), Json.write(Map.of("updated", updated)));
        LOG.debug("Synced down {} items to {}", changes.items().size(), deviceId);
    }

    /** Sends one item to the device as UPSERT, or REMOVE if it was removed. */
    void send(String deviceId, Item item) {
        downlink.send(deviceTopic(deviceId, item.deleted() ? "REMOVE" : "UPSERT"), Json.write(item.data()));
    }

    static String deviceTopic(String deviceId, String leaf) {
        return "ioto/device/" + deviceId + "/sync/" + leaf;
    }
}
