package org.openioto.cloud.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UlidTest {

    @Test
    void encodesTimeThenRandomnessInCrockfordBase32() {
        // the time part of the ULID specification's example
        assertThat(Ulid.of(1469918176385L, new byte[10])).isEqualTo("01ARYZ6S41" + "0".repeat(16));
        byte[] ones = new byte[10];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(Ulid.of(0, ones)).isEqualTo("0".repeat(10) + "Z".repeat(16));
        byte[] one = new byte[10];
        one[9] = 1;
        assertThat(Ulid.of(0, one)).endsWith("01");
        one[4] = 1; // the last bit of the first 40-bit half
        assertThat(Ulid.of(0, one)).isEqualTo("0".repeat(10) + "00000001" + "00000001");
    }

    @Test
    void sortsByTimeAsText() {
        String earlier = Ulid.at(Instant.ofEpochMilli(1_700_000_000_000L));
        String later = Ulid.at(Instant.ofEpochMilli(1_700_000_000_001L));
        assertThat(earlier).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(earlier.compareTo(later)).isNegative();
    }

    @Test
    void refusesWhatDoesNotFit() {
        assertThatThrownBy(() -> Ulid.of(1L << 48, new byte[10])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ulid.of(-1, new byte[10])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ulid.of(0, new byte[9])).isInstanceOf(IllegalArgumentException.class);
    }
}
