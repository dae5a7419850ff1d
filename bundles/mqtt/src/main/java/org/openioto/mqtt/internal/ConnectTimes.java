package org.openioto.mqtt.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Random;
import org.openioto.config.Cron;
import org.openioto.config.Durations;

/**
 * When to connect and when to let an idle connection go, from {@code mqtt.schedule},
 * {@code delay}, {@code jitter} and {@code timeout}:
 * <ul>
 * <li>A connection is made when the schedule says so, or at once when there is demand (messages
 * queued, or a subscription made while down), whatever the schedule, as Ioto does. With
 * {@code never} / {@code unscheduled}, only on demand.</li>
 * <li>Never sooner than {@code delay} after the previous connect. A scheduled connect waits a
 * further random time below {@code jitter}, seeded per device, so that a fleet on one schedule
 * does not arrive at once.</li>
 * <li>Outside the schedule, a connection idle for {@code timeout} (nothing sent, received or
 * queued) is closed; {@code 0} or {@code never} keeps it. Inside the schedule it stays: Ioto
 * closes it after {@code timeout} even then and reconnects at once, every minute by default.</li>
 * </ul>
 */
final class ConnectTimes {

    /** The four settings, as configured. */
    record Rules(Cron schedule, Duration delay, Duration jitter, Duration timeout) {
    }

    private final Cron schedule;
    private final Duration delay;
    private final Duration jitter;
    private final Duration timeout;
    private final Clock clock;
    private final Random random;

    ConnectTimes(Rules rules, Clock clock, long seed) {
        this.schedule = rules.schedule();
        this.delay = rules.delay();
        this.jitter = rules.jitter();
        this.timeout = rules.timeout();
        this.clock = clock;
        this.random = new Random(seed);
    }

    /**
     * How long to wait before connecting; {@link Long#MAX_VALUE} to wait for demand.
     *
     * @param demand messages are queued or a subscription waits for the connection
     * @param lastConnect when the previous connection was made (ms since the epoch), 0 if never
     */
    long waitMillis(boolean demand, long lastConnect) {
        long now = clock.millis();
        long earliest = lastConnect == 0 ? now : Math.max(now, saturatedAdd(lastConnect, delay.toMillis()));
        if (demand) {
            return earliest - now;
        }
        ZonedDateTime from = ZonedDateTime.ofInstant(Instant.ofEpochMilli(earliest), clock.getZone());
        return (schedule.matches(from) ? Optional.of(from) : schedule.next(from))
                .map(at -> at.toInstant().toEpochMilli() - now + jitterMillis())
                .orElse(Long.MAX_VALUE);
    }

    /** True if a connection idle since {@code lastActivity} (ms since the epoch), with nothing queued, should close now. */
    boolean idleTooLong(long lastActivity) {
        if (timeout.isZero() || timeout.equals(Durations.NEVER)) {
            return false;
        }
        long now = clock.millis();
        return now - lastActivity >= timeout.toMillis()
                && !schedule.matches(ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), clock.getZone()));
    }

    private long jitterMillis() {
        long bound = jitter.toMillis();
        return bound <= 0 ? 0 : (long) (random.nextDouble() * bound);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
