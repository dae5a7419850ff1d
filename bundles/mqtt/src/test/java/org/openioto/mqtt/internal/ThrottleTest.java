package org.openioto.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Time is given explicitly: the test is the clock. */
class ThrottleTest {

    private static final long T0 = 1_800_000_000_000L;

    @Test
    void eachNoticeRaisesTheDelayAsIotoDoes() {
        Throttle t = new Throttle();
        t.notice(T0, false, T0);
        assertThat(t.delay()).isEqualTo(2000);     // max(0, 0 + 2 s)
        t.notice(T0, false, T0);
        assertThat(t.delay()).isEqualTo(4000);     // max(4 s, 4 s)
        t.notice(T0, false, T0);
        assertThat(t.delay()).isEqualTo(8000);     // max(8 s, 6 s)
        for (int i = 0; i < 5; i++) {
            t.notice(T0, false, T0);
        }
        assertThat(t.delay()).isEqualTo(Throttle.MAX_DELAY);
    }

    @Test
    void decaysWithEveryPublishByElapsedTime() {
        Throttle t = new Throttle();
        t.notice(T0, false, T0);
        t.notice(T0, false, T0);
        // 10 s later: 4000 - (4000 * 10 / 400 + 2 * 10) = 4000 - 120
        assertThat(t.delayBeforePublish(T0 + 10_000)).isEqualTo(3880);
        // after about 15 minutes without notices the delay is gone
        long now = T0 + 10_000;
        for (int i = 0; i < 90; i++) {
            now += 10_000;
            t.delayBeforePublish(now);
        }
        assertThat(t.delay()).isZero();
    }

    @Test
    void staleNoticesAreIgnored() {
        Throttle t = new Throttle();
        assertThat(t.notice(T0 - 31_000, true, T0)).isFalse();
        assertThat(t.delay()).isZero();
        assertThat(t.blockedUntil()).isZero();
    }

    @Test
    void closeBlocksForAnHour() {
        Throttle t = new Throttle();
        assertThat(t.notice(T0 - 1000, true, T0)).isTrue();
        assertThat(t.blockedUntil()).isEqualTo(T0 + 3_600_000);
    }

    @Test
    void noDelayWithoutNotices() {
        assertThat(new Throttle().delayBeforePublish(T0)).isZero();
    }
}
