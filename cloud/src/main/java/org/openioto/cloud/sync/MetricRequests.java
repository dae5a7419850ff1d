package org.openioto.cloud.sync;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openioto.cloud.metrics.Dimensions;
import org.openioto.cloud.metrics.Metrics;
import org.openioto.cloud.metrics.Series;
import org.openioto.cloud.metrics.Statistic;

/**
 * Ioto's {@code metric/set} and {@code metric/get}, for the device's own account: its
 * {@code Device} dimension and the whole fleet (every device of the account, dimensions
 * {@code {}}). {@code ${deviceId}} in a dimension value is the device's id; a {@code Device}
 * dimension naming another device is refused. Called on the device's lane.
 */
final class MetricRequests {

    /** The reply of {@code metric/get} when there are no samples, as Ioto expects it. */
    static final String NOT_FOUND = "NAN";
    /** The longest period asked; only the last 48 hours are kept anyway. */
    static final long MAX_PERIOD = 366L * 24 * 3600;

    private final Metrics metrics;
    private final Downlink downlink;

    /** With null {@code metrics}, every metric message is dropped. */
    MetricRequests(Metrics metrics, Downlink downlink) {
        this.metrics = metrics;
        this.downlink = downlink;
    }

    /**
     * {@code {"metric":"NAME","value":<number>,"dimensions":[{...}...],"buffer":{"elapsed":<secs>}}}:
     * records the value in each dimension set. Without {@code dimensions} it is the device's own
     * ({@code [{"Device":"${deviceId}"}]}, Ioto's default). {@code buffer} is checked and otherwise
     * ignored: the cloud writes every few seconds anyway.
     */
    void set(Request request, Map<String, Object> json) throws BadMessage, SQLException {
        String metric = metric(json);
        Object v = json.get("value");
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new BadMessage("value is not a finite number");
        }
        Object buffer = json.get("buffer");
        if (buffer != null && (!(buffer instanceof Map<?, ?> b)
                || (b.get("elapsed") != null && !(b.get("elapsed") instanceof Number)))) {
            throw new BadMessage("buffer is not an object with a number elapsed");
        }
        List<Dimensions> sets;
        try {
            sets = json.containsKey("dimensions")
                    ? Dimensions.setsFromDevice(json.get("dimensions"), request.deviceId())
                    : List.of(Dimensions.device(request.deviceId()));
        } catch (IllegalArgumentException e) {
            throw new BadMessage(e.getMessage());
        }
        long account = account(request.deviceId());
        for (Dimensions d : sets) {
            if (!metrics.record(Series.device(account, metric, d), n.doubleValue())) {
                throw new BadMessage("too many metric series waiting to be stored");
            }
        }
    }

    /**
     * {@code {"metric":"NAME","dimensions":{...},"period":<secs>,"statistic":"avg|min|max|count|sum|current"}},
     * answered on {@code ioto/device/{id}/metric/get/{seq}} with the number as text, or
     * {@code NAN} if there are no samples. Without {@code dimensions} it is the device's own;
     * without {@code period}, 300 s; without {@code statistic}, {@code avg}.
     */
    void get(Request request, Map<String, Object> json) throws BadMessage, SQLException {
        if (request.seq().isEmpty()) {
            throw new BadMessage("metric/get without a seq has nowhere to reply");
        }
        String metric = metric(json);
        Dimensions dimensions;
        try {
            Object d = json.get("dimensions");
            // the agent sends an object here; an array of one, as metric/set has it, is read too
            if (d instanceof List<?> list && list.size() == 1) {
                d = list.get(0);
            }
            dimensions = d == null ? Dimensions.device(request.deviceId())
                    : Dimensions.fromDevice(d, request.deviceId());
        } catch (IllegalArgumentException e) {
            throw new BadMessage(e.getMessage());
        }
        Object p = json.getOrDefault("period", 300);
        if (!(p instanceof Number period) || period.doubleValue() < 1 || period.doubleValue() > MAX_PERIOD) {
            throw new BadMessage("period is not a number of seconds from 1 to " + MAX_PERIOD);
        }
        Object s = json.getOrDefault("statistic", "avg");
        Optional<Statistic> statistic = s instanceof String name ? Statistic.parse(name) : Optional.empty();
        if (statistic.isEmpty()) {
            throw new BadMessage("statistic is not avg, min, max, count, sum or current");
        }
        Series series = Series.device(account(request.deviceId()), metric, dimensions);
        String reply = metrics.value(series, (long) Math.ceil(period.doubleValue()), statistic.get())
                .map(MetricRequests::text).orElse(NOT_FOUND);
        downlink.send(request.replyTopic(), reply.getBytes(US_ASCII));
    }

    private String metric(Map<String, Object> json) throws BadMessage {
        if (metrics == null) {
            throw new BadMessage("metrics are not kept by this cloud");
        }
        Object m = json.get("metric");
        if (!Series.isName(m)) {
            throw new BadMessage("metric is not 1-64 letters, digits, '_', '.', ':', '/' or '-'");
        }
        return (String) m;
    }

    private long account(String deviceId) throws BadMessage, SQLException {
        return metrics.accountOf(deviceId).orElseThrow(() -> new BadMessage("the device is in no account"));
    }

    /** A number as the agent's strtod reads it: plain digits where reasonable, {@code NAN} if not finite. */
    static String text(Number n) {
        if (n instanceof Long l) {
            return l.toString();
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            return NOT_FOUND;
        }
        double a = Math.abs(d);
        return a == 0 || (a >= 1e-6 && a < 1e15) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                : Double.toString(d);
    }
}
