package org.openioto.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsExponentiallyUnderTheCapWithFullJitter() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), 42);
        for (int n = 0; n < 20; n++) {
            long ceiling = Math.min(120_000, 1000L << n);
            assertThat(b.next().toMillis()).isBetween(0L, ceiling);
        }
    }

    @Test
    void spreadsOverTheWholeRange() {
        // full jitter: over many draws at the cap, waits fill [0, cap] rather than bunching at it
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 7);
        for (int i = 0; i < 4; i++) {
            b.next();
        }
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            if (b.next().toMillis() < 4000) {
                below++;
            }
        }
        assertThat(below).isBetween(400L, 600L);
    }

    @Test
    void devicesWithDifferentSeedsDoNotReconnectInLockstep() {
        List<Long> a = draws(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), "DEVICE0001".hashCode()));
        List<Long> b = draws(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), "DEVICE0002".hashCode()));
        assertThat(a).isNotEqualTo(b);
        assertThat(draws(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), "DEVICE0001".hashCode())))
                .isEqualTo(a);
    }

    @Test
    void resetStartsAgainFromTheFirstWait() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), 1);
        for (int i = 0; i < 10; i++) {
            b.next();
        }
        b.reset();
        assertThat(b.attempts()).isZero();
        assertThat(b.next().toMillis()).isLessThanOrEqualTo(1000);
    }

    private static List<Long> draws(Backoff b) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            out.add(b.next().toMillis());
        }
        return out;
    }
}
