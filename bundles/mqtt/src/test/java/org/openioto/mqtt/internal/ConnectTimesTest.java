package org.openioto.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.openioto.config.Cron;

class ConnectTimesTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Saturday 21 November 2026, 10:30:00. */
    private static final ZonedDateTime SAT = ZonedDateTime.of(2026, 11, 21, 10, 30, 0, 0, ZONE);
    private static final long NOW = SAT.toInstant().toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(SAT.toInstant(), ZONE);

    private static ConnectTimes times(String schedule, Duration delay, Duration jitter, Duration timeout) {
        return new ConnectTimes(new ConnectTimes.Rules(Cron.parse(schedule), delay, jitter, timeout), CLOCK, 42);
    }

    @Test
    void anytimeConnectsAtOnceButNotSoonerThanDelayAfterTheLastConnect() {
        ConnectTimes t = times("anytime", Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);
        assertThat(t.waitMillis(false, 0)).isZero();
        assertThat(t.waitMillis(false, NOW - 10_000)).isEqualTo(20_000);
        assertThat(times("30 * * * *", Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO).waitMillis(false, NOW - 10_000))
                .as("still in the scheduled minute after the delay").isEqualTo(20_000);
        assertThat(times("0 * * * *", Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO).waitMillis(false, NOW - 10_000))
                .as("the next scheduled minute").isEqualTo(30 * 60_000);
        assertThat(t.waitMillis(true, NOW - 10_000)).as("demand waits for the delay only").isEqualTo(20_000);
    }

    @Test
    void scheduledConnectWaitsForTheWindowDemandDoesNot() {
        ConnectTimes t = times("workhours", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1));
        long monday9 = ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, ZONE).toInstant().toEpochMilli();
        assertThat(t.waitMillis(false, 0)).isEqualTo(monday9 - NOW);
        assertThat(t.waitMillis(true, 0)).isZero();
    }

    @Test
    void onDemandWaitsForDemand() {
        ConnectTimes t = times("never", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1));
        assertThat(t.waitMillis(false, 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(t.waitMillis(true, 0)).isZero();
    }

    @Test
    void jitterSpreadsScheduledConnectsBelowItsBoundAndDependsOnTheDevice() {
        ConnectTimes.Rules rules = new ConnectTimes.Rules(Cron.parse("anytime"), Duration.ZERO, Duration.ofSeconds(10), Duration.ZERO);
        ConnectTimes a = new ConnectTimes(rules, CLOCK, 1);
        ConnectTimes b = new ConnectTimes(rules, CLOCK, 2);
        long[] waits = new long[50];
        boolean differ = false;
        for (int i = 0; i < waits.length; i++) {
            waits[i] = a.waitMillis(false, 0);
            differ |= waits[i] != b.waitMillis(false, 0);
        }
        assertThat(java.util.Arrays.stream(waits).allMatch(w -> w >= 0 && w < 10_000)).isTrue();
        assertThat(java.util.Arrays.stream(waits).distinct().count()).isGreaterThan(40);
        assertThat(differ).isTrue();
        assertThat(a.waitMillis(true, 0)).as("demand is not jittered").isZero();
    }

    @Test
    void idleConnectionClosesOutsideTheScheduleOnly() {
        assertThat(times("never", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)).idleTooLong(NOW - 60_000)).isTrue();
        assertThat(times("never", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)).idleTooLong(NOW - 59_000)).isFalse();
        assertThat(times("anytime", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)).idleTooLong(NOW - 600_000))
                .as("inside the schedule").isFalse();
        assertThat(times("workhours", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)).idleTooLong(NOW - 60_000))
                .as("Saturday is outside").isTrue();
        assertThat(times("never", Duration.ZERO, Duration.ZERO, Duration.ZERO).idleTooLong(0)).as("0: never").isFalse();
        assertThat(times("never", Duration.ZERO, Duration.ZERO, org.openioto.config.Durations.NEVER).idleTooLong(0)).isFalse();
    }
}
