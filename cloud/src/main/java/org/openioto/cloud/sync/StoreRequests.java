package org.openioto.cloud.sync;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import org.openioto.cloud.db.Database;

/**
 * Ioto's {@code store/set} and {@code store/get} requests, used by devices built without sync.
 * Replies, for a request that carries a seq, are the bare value as text on
 * {@code ioto/device/{id}/store/{set|get}/{seq}}, which is how the agent parses them. Called on the device's lane.
 */
final class StoreRequests {

    private final Database db;
    private final Clock clock;
    private final Downlink downlink;
    private final ItemListener listener;

    StoreRequests(Database db, Clock clock, Downlink downlink, ItemListener listener) {
        this.db = db;
        this.clock = clock;
        this.downlink = downlink;
        this.listener = listener;
    }

    /** {@code {"key":"k","value":<string|number|boolean>,"type":"string"|"number"|"boolean"}}. */
    void set(Request request, Map<String, Object> json) throws BadMessage, SQLException {
        String key = key(json);
        Object v = json.get("value");
        String inferred = StoreItems.typeOf(v);
        if (inferred == null) {
            throw new BadMessage("value is not a string, number or boolean");
        }
        String value = StoreItems.text(v);
        Object t = json.getOrDefault("type", inferred);
        if (!(t instanceof String type) || !StoreItems.TYPES.contains(type)) {
            throw new BadMessage("type is not string, number or boolean");
        }
        Item item = db.transaction(c -> StoreItems.write(c, request.deviceId(), key, value, type, Item.DEVICE,
                clock.instant()));
        if (request.seq().isPresent()) {
            downlink.send(request.replyTopic(), value.getBytes(UTF_8));
        }
        listener.stored(request.deviceId(), item.model(), item.data());
    }

    /** {@code {"key":"k"}}; the reply is the value, or empty if there is none. */
    void get(Request request, Map<String, Object> json) throws BadMessage, SQLException {
        if (request.seq().isEmpty()) {
            throw new BadMessage("store/get without a seq has nowhere to reply");
        }
        String key = key(json);
        String value = db.transaction(c -> StoreItems.value(c, request.deviceId(), key)).orElse("");
        downlink.send(request.replyTopic(), value.getBytes(UTF_8));
    }

    private static String key(Map<String, Object> json) throws BadMessage {
        if (!(json.get("key") instanceof String key) || key.isEmpty() || key.length() > Batch.MAX_KEY - 2) {
            throw new BadMessage("key is not a non-empty string of at most " + (Batch.MAX_KEY - 2) + " characters");
        }
        return key;
    }
}
