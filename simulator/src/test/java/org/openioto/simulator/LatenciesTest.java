package org.openioto.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRank() {
        Latencies l = new Latencies();
        for (long i = 100; i >= 1; i--) { // 1..100, added out of order
            l.add(i);
        }
        Latencies.Summary s = l.summary();
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.percentile(50)).isEqualTo(50);
        assertThat(s.percentile(90)).isEqualTo(90);
        assertThat(s.percentile(99)).as("not 100: 99 * 100 / 100 is a whole rank").isEqualTo(99);
        assertThat(s.percentile(99.5)).isEqualTo(100);
        assertThat(s.percentile(100)).isEqualTo(100);
        assertThat(s.max()).isEqualTo(100);
    }

    @Test
    void aFewSamplesRoundTheRankUp() {
        Latencies l = new Latencies();
        l.add(30);
        l.add(10);
        l.add(20);
        Latencies.Summary s = l.summary();
        assertThat(s.percentile(1)).isEqualTo(10);   // rank ceil(0.03) = 1
        assertThat(s.percentile(50)).isEqualTo(20);  // rank ceil(1.5) = 2
        assertThat(s.percentile(67)).isEqualTo(30);  // rank ceil(2.01) = 3
        assertThat(s.percentile(99)).isEqualTo(30);
    }

    @Test
    void growsPastItsFirstArray() {
        Latencies l = new Latencies();
        for (int i = 0; i < 5000; i++) {
            l.add(7);
        }
        l.add(1_000_000);
        assertThat(l.count()).isEqualTo(5001);
        assertThat(l.summary().percentile(99)).isEqualTo(7);
        assertThat(l.summary().max()).isEqualTo(1_000_000);
    }

    @Test
    void anEmptySetIsAllZero() {
        Latencies.Summary s = new Latencies().summary();
        assertThat(s.percentile(99)).isZero();
        assertThat(s.max()).isZero();
    }

    @Test
    void refusesPercentilesOutsideZeroToHundred() {
        Latencies.Summary s = new Latencies().summary();
        assertThatThrownBy(() -> s.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.percentile(100.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.percentile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
