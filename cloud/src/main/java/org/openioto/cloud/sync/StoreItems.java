package org.openioto.cloud.sync;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Items of Ioto's Store model ({@code sk = s#<key>}), written by store/set or the cloud side. */
final class StoreItems {

    static final Set<String> TYPES = Set.of("string", "number", "boolean");

    private StoreItems() {
    }

    /** The Store type of a JSON value: string, number or boolean, or null for any other. */
    static String typeOf(Object value) {
        if (value instanceof String) {
            return "string";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof Number) {
            return "number";
        }
        return null;
    }

    /** A string, number or boolean JSON value as Ioto keeps it: a string, numbers in plain digits. */
    static String text(Object value) {
        // plain digits, as the agent's own %g would write them, never 1.0E10
        return value instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }

    static String sk(String key) {
        return "s#" + key;
    }

    /**
     * Writes a Store item as Ioto's schema has it, its value a string as the device keeps it, and
     * returns it. Its {@code updated} is now, or just after the stored one if that is later (a
     * device clock running ahead), so the device's last-writer-wins rule lets this write win.
     */
    static Item write(Connection c, String deviceId, String key, String value, String type, String origin,
            Instant now) throws SQLException {
        Optional<Item> stored = Items.get(c, deviceId, sk(key));
        String updated = after(stored, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key", key);
        data.put("value", value);
        data.put("type", type);
        data.put("deviceId", deviceId);
        Items.accountId(c, deviceId).ifPresent(a -> data.put("accountId", a));
        data.put("sk", sk(key));
        data.put("_type", "Store");
        data.put("created", stored.filter(i -> !i.deleted()).map(i -> i.data().get("created"))
                .filter(String.class::isInstance).orElse(updated));
        data.put("updated", updated);
        Item item = new Item(sk(key), "Store", data, updated, false, origin);
        Items.put(c, deviceId, item, now);
        return item;
    }

    /** Marks a Store item removed by {@code origin}, or returns empty if there is none. */
    static Optional<Item> remove(Connection c, String deviceId, String key, String origin, Instant now)
            throws SQLException {
        Optional<Item> stored = Items.get(c, deviceId, sk(key)).filter(i -> !i.deleted());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String updated = after(stored, now);
        Map<String, Object> data = new LinkedHashMap<>(stored.get().data());
        data.put("updated", updated);
        Item item = new Item(sk(key), "Store", data, updated, true, origin);
        Items.put(c, deviceId, item, now);
        return Optional.of(item);
    }

    /** A live Store item's value as text: Ioto stores values as strings, and answers store/get with the bare value. */
    static Optional<String> value(Connection c, String deviceId, String key) throws SQLException {
        return Items.get(c, deviceId, sk(key)).filter(i -> !i.deleted())
                .map(i -> i.data().get("value")).filter(v -> v != null).map(String::valueOf);
    }

    private static String after(Optional<Item> stored, Instant now) {
        String time = Timestamps.format(now);
        if (stored.isPresent()) {
            try {
                return Timestamps.max(time, Timestamps.format(Instant.parse(stored.get().updated()).plusMillis(1)));
            } catch (DateTimeParseException e) {
                // not a time Ioto wrote; now will do
            }
        }
        return time;
    }
}
