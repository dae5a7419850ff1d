package org.openioto.cloud.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** The {@code metric_bucket} table. Every method runs inside the caller's transaction. */
final class MetricBuckets {

    // Standard MERGE (H2, PostgreSQL 15+) adding a batch's sums to what is stored; the casts type
    // the parameters for PostgreSQL.
    private static final String MERGE = "MERGE INTO metric_bucket t USING (VALUES (CAST(? AS BIGINT), "
            + "CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INTEGER), CAST(? AS BIGINT), "
            + "CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), "
            + "CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS BIGINT))) "
            + "AS s (account_id, namespace, metric, dimensions, width, start_time, "
            + "samples, total, minimum, maximum, latest, latest_time) "
            + "ON t.account_id = s.account_id AND t.namespace = s.namespace AND t.metric = s.metric "
            + "AND t.dimensions = s.dimensions AND t.width = s.width AND t.start_time = s.start_time "
            + "WHEN MATCHED THEN UPDATE SET samples = t.samples + s.samples, total = t.total + s.total, "
            + "minimum = LEAST(t.minimum, s.minimum), maximum = GREATEST(t.maximum, s.maximum), "
            + "latest = CASE WHEN s.latest_time >= t.latest_time THEN s.latest ELSE t.latest END, "
            + "latest_time = GREATEST(t.latest_time, s.latest_time) "
            + "WHEN NOT MATCHED THEN INSERT (account_id, namespace, metric, dimensions, width, start_time, "
            + "samples, total, minimum, maximum, latest, latest_time) VALUES (s.account_id, s.namespace, "
            + "s.metric, s.dimensions, s.width, s.start_time, s.samples, s.total, s.minimum, s.maximum, "
            + "s.latest, s.latest_time)";

    private MetricBuckets() {
    }

    /** Adds each bucket's sums to the stored bucket, creating those not stored yet. */
    static void add(Connection c, Map<Series, Map<Pending.Slot, Stats>> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(MERGE)) {
            for (Map.Entry<Series, Map<Pending.Slot, Stats>> e : batch.entrySet()) {
                Series series = e.getKey();
                for (Map.Entry<Pending.Slot, Stats> b : e.getValue().entrySet()) {
                    Stats s = b.getValue();
                    p.setLong(1, series.accountId());
                    p.setString(2, series.namespace());
                    p.setString(3, series.metric());
                    p.setString(4, series.dimensions().canonical());
                    p.setInt(5, b.getKey().span().seconds());
                    p.setLong(6, b.getKey().start());
                    p.setLong(7, s.count());
                    p.setDouble(8, s.sum());
                    p.setDouble(9, s.min());
                    p.setDouble(10, s.max());
                    p.setDouble(11, s.latest());
                    p.setLong(12, s.latestMillis());
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
    }

    /** The series' stored buckets of {@code span} starting after {@code fromExclusive}, by start. */
    static TreeMap<Long, Stats> select(Connection c, Series series, Span span, long fromExclusive) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT start_time, samples, total, minimum, maximum, latest, "
                + "latest_time FROM metric_bucket WHERE account_id = ? AND namespace = ? AND metric = ? "
                + "AND dimensions = ? AND width = ? AND start_time > ?")) {
            p.setLong(1, series.accountId());
            p.setString(2, series.namespace());
            p.setString(3, series.metric());
            p.setString(4, series.dimensions().canonical());
            p.setInt(5, span.seconds());
            p.setLong(6, fromExclusive);
            TreeMap<Long, Stats> out = new TreeMap<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getLong(1), new Stats(r.getLong(2), r.getDouble(3), r.getDouble(4), r.getDouble(5),
                            r.getDouble(6), r.getLong(7)));
                }
            }
            return out;
        }
    }

    /** Deletes the buckets of every span beyond the number kept at {@code epochSecond}; returns how many. */
    static int prune(Connection c, long epochSecond) throws SQLException {
        int deleted = 0;
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM metric_bucket WHERE width = ? AND start_time <= ?")) {
            for (Span span : Span.values()) {
                p.setInt(1, span.seconds());
                p.setLong(2, span.pruneAtOrBefore(epochSecond));
                deleted += p.executeUpdate();
            }
        }
        return deleted;
    }
}
