package org.openioto.cloud.http;

import com.sun.net.httpserver.HttpExchange;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openioto.cloud.db.Devices;
import org.openioto.cloud.db.Sessions;
import org.openioto.cloud.metrics.Dimensions;
import org.openioto.cloud.metrics.Metrics;
import org.openioto.cloud.metrics.Point;
import org.openioto.cloud.metrics.Series;
import org.openioto.cloud.metrics.Span;
import org.openioto.cloud.metrics.Statistic;
import org.openioto.cloud.metrics.Stats;

/**
 * The manager API for metrics of the session user's account, one device's ({@code device=ID}) or
 * the fleet's (no {@code device}):
 * {@code GET /manager/metrics?metric=NAME[&device=ID][&period=SECS][&statistic=avg]} answers
 * {@code {metric, dimensions, period, statistic, value}} as a device's {@code metric/get} would
 * (value null if there are no samples); {@code GET /manager/metrics/series?metric=NAME[&device=ID][&span=300|3600]}
 * answers {@code {metric, dimensions, span, points: [{start, count, sum, min, max, avg, current}]}}
 * with the buckets kept, oldest first.
 */
final class MetricEndpoints {

    static final String PATH = HttpApi.MANAGER_PATH + "/metrics";
    private static final long MAX_PERIOD = 366L * 24 * 3600;

    private final Sessions sessions;
    private final Devices devices;
    private final Metrics metrics;

    MetricEndpoints(Sessions sessions, Devices devices, Metrics metrics) {
        this.sessions = sessions;
        this.devices = devices;
        this.metrics = metrics;
    }

    /** One statistic over a period (default 300 s, avg). */
    Object value(HttpExchange ex) throws Exception {
        long account = ManagerEndpoints.user(sessions, ex).accountId();
        Map<String, String> q = Exchanges.query(ex);
        String metric = metric(q);
        long period = number(q, "period", "300", 1, MAX_PERIOD);
        Statistic statistic = Statistic.parse(q.getOrDefault("statistic", "avg"))
                .orElseThrow(() -> new ApiException(400, "statistic must be avg, min, max, count, sum or current"));
        Series series = Series.device(account, metric, dimensions(q, account));
        Map<String, Object> out = head(series);
        out.put("period", period);
        out.put("statistic", statistic.label());
        out.put("value", metrics.value(series, period, statistic).map(MetricEndpoints::json).orElse(null));
        return out;
    }

    /** The buckets of one span (default 300). */
    Object series(HttpExchange ex) throws Exception {
        long account = ManagerEndpoints.user(sessions, ex).accountId();
        Map<String, String> q = Exchanges.query(ex);
        String metric = metric(q);
        Span span = Span.ofSeconds(number(q, "span", "300", 1, Long.MAX_VALUE))
                .orElseThrow(() -> new ApiException(400, "span must be 300 or 3600"));
        Series series = Series.device(account, metric, dimensions(q, account));
        List<Object> points = new ArrayList<>();
        for (Point p : metrics.points(series, span)) {
            Stats s = p.stats();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", p.start().toString());
            m.put("count", s.count());
            m.put("sum", json(s.sum()));
            m.put("min", json(s.min()));
            m.put("max", json(s.max()));
            m.put("avg", json(s.avg()));
            m.put("current", json(s.latest()));
            points.add(m);
        }
        Map<String, Object> out = head(series);
        out.put("span", span.seconds());
        out.put("points", points);
        return out;
    }

    private static Map<String, Object> head(Series series) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", series.metric());
        out.put("dimensions", series.dimensions().values());
        return out;
    }

    private static String metric(Map<String, String> q) throws ApiException {
        String metric = q.get("metric");
        if (!Series.isName(metric)) {
            throw new ApiException(400, "metric must be 1-64 letters, digits, '_', '.', ':', '/' or '-'");
        }
        return metric;
    }

    /** A device of the account (404 otherwise), or the fleet without {@code device}. */
    private Dimensions dimensions(Map<String, String> q, long account) throws ApiException, SQLException {
        String id = q.get("device");
        if (id == null) {
            return Dimensions.FLEET;
        }
        boolean own = !id.isEmpty() && devices.byId(id).flatMap(d -> d.accountId()).filter(a -> a == account)
                .isPresent();
        if (!own) {
            throw new ApiException(404, ProvisionEndpoint.NO_DEVICE);
        }
        return Dimensions.device(id);
    }

    private static long number(Map<String, String> q, String name, String otherwise, long min, long max)
            throws ApiException {
        try {
            long n = Long.parseLong(q.getOrDefault(name, otherwise));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, name + " must be a whole number from " + min
                + (max == Long.MAX_VALUE ? "" : " to " + max));
    }

    /** A JSON number; null if not finite, which JSON cannot carry. */
    private static Object json(Number n) {
        return n instanceof Double d && !Double.isFinite(d) ? null : n;
    }
}
