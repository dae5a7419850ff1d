package org.openioto.cloud;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.openioto.cloud.broker.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches how fast each device publishes and tells one that goes too fast, as Ioto's cloud does:
 * a throttle notice {@code {"timestamp": <ms>, "close": false}} on
 * {@code ioto/device/{id}/mqtt/throttle}, at most one a second, makes the agent slow down; a
 * device still over the rate after {@link Limits#closeAfter} is sent {@code "close": true} and
 * disconnected (the agent then stays away for an hour). Every message is passed on to the next
 * listener all the same: a notice never loses data.
 *
 * <p>The rate is a token bucket per device holding {@link #BURST_SECONDS} seconds' worth, so a
 * device catching up after being offline may send a burst first. Called on the broker's single
 * inbound thread, like any {@link Inbound}; not thread-safe otherwise.
 */
final class Throttle implements Inbound {

    private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);

    static final int BURST_SECONDS = 10;
    /** A device under the rate this long has stopped being over it. */
    static final long CALM_MILLIS = 5_000;
    private static final long NOTICE_MILLIS = 1_000;
    private static final int SWEEP_EVERY = 10_000;

    /**
     * @param perSecond messages a device may publish a second on average; 0 for no limit
     * @param closeAfter how long a device may stay over the rate before it is disconnected
     */
    record Limits(int perSecond, Duration closeAfter) {
        Limits {
            if (perSecond < 0 || closeAfter.isNegative() || closeAfter.isZero()) {
                throw new IllegalArgumentException("Throttle rate must be >= 0 and closeAfter positive");
            }
        }
    }

    /** How the throttle reaches devices. */
    interface Devices {
        /** Publishes to a device at QoS 1. */
        void publish(String topic, byte[] payload);

        /** Drops a device's connection. */
        void disconnect(String deviceId);
    }

    private static final class Rate {
        double tokens;
        long refilled;
        long overSince = -1;
        long lastOver;
        long lastNotice = Long.MIN_VALUE / 2;
    }

    private final Limits limits;
    private final Inbound next;
    private final Devices devices;
    private final Clock clock;
    private final Map<String, Rate> rates = new HashMap<>();
    private int untilSweep = SWEEP_EVERY;

    Throttle(Limits limits, Inbound next, Devices devices, Clock clock) {
        this.limits = limits;
        this.next = next;
        this.devices = devices;
        this.clock = clock;
    }

    @Override
    public void accept(String clientId, String topic, byte[] payload) {
        if (limits.perSecond() > 0) {
            check(clientId);
        }
        next.accept(clientId, topic, payload);
    }

    private void check(String deviceId) {
        long now = clock.millis();
        if (--untilSweep <= 0) {
            sweep(now);
        }
        double capacity = (double) limits.perSecond() * BURST_SECONDS;
        Rate r = rates.computeIfAbsent(deviceId, id -> {
            Rate fresh = new Rate();
            fresh.tokens = capacity;
            fresh.refilled = now;
            return fresh;
        });
        r.tokens = Math.min(capacity, r.tokens + (now - r.refilled) * limits.perSecond() / 1000.0);
        r.refilled = now;
        if (r.tokens >= 1) {
            r.tokens -= 1;
            if (r.overSince >= 0 && now - r.lastOver > CALM_MILLIS) {
                r.overSince = -1;
            }
            return;
        }
        if (r.overSince < 0 || now - r.lastOver > CALM_MILLIS) {
            r.overSince = now;
        }
        r.lastOver = now;
        boolean close = now - r.overSince >= limits.closeAfter().toMillis();
        if (close) {
            LOG.warn("Disconnected {}: over {} messages a second for {} s", deviceId, limits.perSecond(),
                    limits.closeAfter().toSeconds());
            notice(deviceId, now, true);
            devices.disconnect(deviceId);
            rates.remove(deviceId);
        } else if (now - r.lastNotice >= NOTICE_MILLIS) {
            if (r.overSince == now) {
                LOG.info("Throttling {}: over {} messages a second", deviceId, limits.perSecond());
            }
            r.lastNotice = now;
            notice(deviceId, now, false);
        }
    }

    private void notice(String deviceId, long now, boolean close) {
        String body = "{\"timestamp\":" + now + ",\"close\":" + close + "}";
        devices.publish("ioto/device/" + deviceId + "/mqtt/throttle", body.getBytes(StandardCharsets.US_ASCII));
    }

    /** Forgets devices whose bucket has been full for a while: they cost nothing to start afresh. */
    private void sweep(long now) {
        untilSweep = SWEEP_EVERY;
        long idle = BURST_SECONDS * 1000L + CALM_MILLIS;
        for (Iterator<Rate> i = rates.values().iterator(); i.hasNext(); ) {
            if (now - i.next().refilled > idle) {
                i.remove();
            }
        }
    }
}
