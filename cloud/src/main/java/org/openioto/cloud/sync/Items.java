package org.openioto.cloud.sync;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openioto.cloud.http.Json;

/** The {@code item} table: each device's synced items. Every method runs inside the caller's transaction. */
final class Items {

    // Standard MERGE, which H2 and PostgreSQL 15+ both run; the casts type the parameters for PostgreSQL.
    private static final String MERGE = "MERGE INTO item t USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), "
            + "CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BOOLEAN), "
            + "CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR))) "
            + "AS s (device_id, sk, model, data, updated, deleted, changed, origin) "
            + "ON t.device_id = s.device_id AND t.sk = s.sk "
            + "WHEN MATCHED THEN UPDATE SET model = s.model, data = s.data, updated = s.updated, "
            + "deleted = s.deleted, changed = s.changed, origin = s.origin "
            + "WHEN NOT MATCHED THEN INSERT (device_id, sk, model, data, updated, deleted, changed, origin) "
            + "VALUES (s.device_id, s.sk, s.model, s.data, s.updated, s.deleted, s.changed, s.origin)";

    private static final String COLUMNS = "SELECT sk, model, data, updated, deleted, origin FROM item ";

    private Items() {
    }

    static Optional<Item> get(Connection c, String deviceId, String sk) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(COLUMNS + "WHERE device_id = ? AND sk = ?")) {
            p.setString(1, deviceId);
            p.setString(2, sk);
            List<Item> found = read(p);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** The live (not deleted) items whose sort key starts with {@code skPrefix}, in sort key order. */
    static List<Item> live(Connection c, String deviceId, String skPrefix) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(COLUMNS
                + "WHERE device_id = ? AND sk LIKE ? ESCAPE '\\' AND deleted = FALSE ORDER BY sk")) {
            p.setString(1, deviceId);
            p.setString(2, skPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            return read(p);
        }
    }

    /** Inserts or replaces the item; {@code changed} is when the cloud wrote it. */
    static void put(Connection c, String deviceId, Item item, Instant changed) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(MERGE)) {
            p.setString(1, deviceId);
            p.setString(2, item.sk());
            p.setString(3, item.model());
            p.setString(4, new String(Json.write(item.data()), UTF_8));
            p.setString(5, item.updated());
            p.setBoolean(6, item.deleted());
            p.setObject(7, OffsetDateTime.ofInstant(changed, ZoneOffset.UTC));
            p.setString(8, item.origin());
            p.executeUpdate();
        }
    }

    /** Items the cloud side changed with {@code updated} after {@code since} (string order, as Ioto compares). */
    static List<Item> cloudChangesSince(Connection c, String deviceId, String since) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(COLUMNS
                + "WHERE device_id = ? AND origin = 'cloud' AND updated > ? ORDER BY updated, sk")) {
            p.setString(1, deviceId);
            p.setString(2, since);
            return read(p);
        }
    }

    /** The device's account id as Ioto names it (a string), if it is claimed. */
    static Optional<String> accountId(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT account_id FROM device WHERE id = ?")) {
            p.setString(1, deviceId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<Item> read(PreparedStatement p) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                Map<String, Object> data;
                try {
                    data = Json.parseObject(r.getString(3).getBytes(UTF_8),
                            Integer.MAX_VALUE);
                } catch (Json.MalformedException e) {
                    throw new SQLException("Item " + r.getString(1) + " holds malformed JSON", e);
                }
                out.add(new Item(r.getString(1), r.getString(2), data, r.getString(4), r.getBoolean(5), r.getString(6)));
            }
        }
        return out;
    }
}
