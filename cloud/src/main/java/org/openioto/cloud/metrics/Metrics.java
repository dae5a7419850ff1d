package org.openioto.cloud.metrics;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openioto.cloud.db.Database;
import org.openioto.cloud.db.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps metric statistics: samples are summed up in memory per series and bucket and written to
 * the database every few seconds (and on {@link #close}), adding to what is stored; reads combine
 * the two. Buckets beyond those a {@link Span} keeps are deleted at each flush. Samples taken
 * since the last flush are lost if the process dies: {@code metric/set} is not acknowledged, so
 * the device would not resend them anyway. Thread-safe.
 *
 * <p>Samples are put in buckets by this cloud's clock when they are recorded, not by any time the
 * device gives.
 */
public final class Metrics implements AutoCloseable {

    /** How often samples are written to the database by default. */
    public static final Duration FLUSH_EVERY = Duration.ofSeconds(5);
    /** Series waiting in memory beyond which new series are refused until the next flush. */
    static final int MAX_PENDING_SERIES = 50_000;

    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

    private final Database db;
    private final Clock clock;
    private final Accounts accounts;
    private final List<ItemMetricRule> rules;
    private final Pending pending = new Pending(MAX_PENDING_SERIES);
    private final Object flushing = new Object();
    private final ScheduledExecutorService flusher;

    /** Metrics flushed every {@link #FLUSH_EVERY}, with the {@link ItemMetricRule#DEFAULTS}. */
    public Metrics(Database db, Clock clock) {
        this(db, clock, FLUSH_EVERY, ItemMetricRule.DEFAULTS);
    }

    /**
     * Metrics flushed every {@code flushEvery} on a thread of their own (never, if zero: only by
     * {@link #flush} and {@link #close}), deriving metrics from items by {@code rules}.
     */
    public Metrics(Database db, Clock clock, Duration flushEvery, List<ItemMetricRule> rules) {
        this.db = db;
        this.clock = clock;
        this.accounts = new Accounts(new Devices(db, clock), clock);
        this.rules = List.copyOf(rules);
        if (flushEvery.isZero()) {
            flusher = null;
        } else {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "metrics-flush");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(this::flushQuietly, flushEvery.toMillis(), flushEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The account of a device, whose series its samples go to; empty if it is not claimed. */
    public Optional<Long> accountOf(String deviceId) throws SQLException {
        return accounts.of(deviceId);
    }

    /**
     * Records a sample now. Returns false, dropping it, if too many series are waiting for the
     * next flush. Never blocks on the database.
     */
    public boolean record(Series series, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric value is not a finite number");
        }
        return pending.add(series, value, clock.millis());
    }

    /**
     * The statistics of the series over the last {@code periodSeconds}: every bucket that overlaps
     * {@code [now - period, now]}, 5-minute buckets for a period up to 300 s and hourly ones
     * beyond (so at least the period is covered, and at most one bucket more). Empty if there are
     * no samples in them.
     */
    public Optional<Stats> stats(Series series, long periodSeconds) throws SQLException {
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        Span span = Span.forPeriod(periodSeconds);
        long now = Math.floorDiv(clock.millis(), 1000);
        // a bucket [start, start + width) overlaps the period if start > now - period - width
        long from = now - periodSeconds - span.seconds();
        return buckets(series, span, from).values().stream().reduce(Stats::merge);
    }

    /** A statistic over the last {@code periodSeconds} as {@link #stats} takes them; empty if none. */
    public Optional<Number> value(Series series, long periodSeconds, Statistic statistic) throws SQLException {
        return stats(series, periodSeconds).map(statistic::of);
    }

    /** Every bucket of {@code span} kept for the series, oldest first. */
    public List<Point> points(Series series, Span span) throws SQLException {
        long now = Math.floorDiv(clock.millis(), 1000);
        List<Point> out = new ArrayList<>();
        buckets(series, span, span.pruneAtOrBefore(now)).forEach((start, stats) ->
                out.add(new Point(Instant.ofEpochSecond(start), stats)));
        return out;
    }

    private SortedMap<Long, Stats> buckets(Series series, Span span, long fromExclusive) throws SQLException {
        return db.transaction(c -> {
            // both inside one transaction: see Pending
            TreeMap<Long, Stats> stored = MetricBuckets.select(c, series, span, fromExclusive);
            pending.unflushed(series, span, fromExclusive).forEach((start, stats) ->
                    stored.merge(start, stats, Stats::merge));
            return stored;
        });
    }

    /**
     * Records the metrics {@link ItemMetricRule}s derive from an item a device just stored. Called
     * on the device's sync lane; quick unless the device's account must be looked up. An item
     * without a usable number is skipped.
     */
    public void itemStored(String deviceId, String model, Map<String, Object> item) {
        for (ItemMetricRule rule : rules) {
            if (!rule.matches(model, item)) {
                continue;
            }
            Optional<Double> value = number(item.get(rule.field()));
            if (value.isEmpty()) {
                LOG.debug("Skipped {} from {}: its {} is not a finite number", rule.metric(), deviceId, rule.field());
                continue;
            }
            try {
                Optional<Long> account = accountOf(deviceId);
                if (account.isEmpty()) {
                    continue;
                }
                Series series = new Series(account.get(), rule.namespace(), rule.metric(),
                        dimensions(rule, deviceId, item));
                if (!record(series, value.get())) {
                    LOG.warn("Dropped a {} sample of {}: too many metric series waiting", rule.metric(), deviceId);
                }
            } catch (IllegalArgumentException e) {
                LOG.debug("Skipped {} from {}: {}", rule.metric(), deviceId, e.getMessage());
            } catch (SQLException e) {
                LOG.warn("Skipped {} from {}: database: {}", rule.metric(), deviceId, e.getMessage());
            }
        }
    }

    private static Dimensions dimensions(ItemMetricRule rule, String deviceId, Map<String, Object> item) {
        SortedMap<String, String> values = new TreeMap<>();
        for (Map.Entry<String, String> d : rule.dimensions().entrySet()) {
            Object v = d.getValue().equals(ItemMetricRule.DEVICE_ID) ? deviceId : item.get(d.getValue());
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("dimension field " + d.getValue() + " is not a string");
            }
            values.put(d.getKey(), s);
        }
        return new Dimensions(values);
    }

    /** A JSON number, or a string holding one (Store values are strings), if finite. */
    static Optional<Double> number(Object v) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof String s && !s.isBlank() && s.length() <= 64) {
            try {
                d = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }

    /**
     * Writes the samples recorded so far and deletes buckets no longer kept. On failure the
     * samples stay in memory for the next try.
     */
    public void flush() throws SQLException {
        synchronized (flushing) {
            Map<Series, Map<Pending.Slot, Stats>> batch = pending.startFlush();
            long now = Math.floorDiv(clock.millis(), 1000);
            try {
                db.transaction(c -> {
                    MetricBuckets.add(c, batch);
                    MetricBuckets.prune(c, now);
                    pending.flushed(); // still inside the transaction: see Pending
                    return null;
                });
            } catch (SQLException | RuntimeException e) {
                pending.restore(batch);
                throw e;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not store metrics, will retry: {}", e.toString());
        }
    }

    /** Stops the periodic flush, waiting for one in progress, and flushes a last time. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Lost the metric samples of the last seconds: {}", e.toString());
        }
    }
}
