package org.openioto.cloud.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void alwaysWritesThreeDigitsOfMilliseconds() {
        // Ioto compares these as strings, so ".5Z" or a missing fraction would sort wrongly
        assertThat(Timestamps.format(Instant.parse("2026-11-22T02:30:29Z"))).isEqualTo("2026-11-22T02:30:29.000Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-22T02:30:29.5Z"))).isEqualTo("2026-11-22T02:30:29.500Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-22T02:30:29.123456789Z"))).isEqualTo("2026-11-22T02:30:29.123Z");
        assertThat(Timestamps.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @Test
    void maxIsByStringOrder() {
        assertThat(Timestamps.max("2026-11-22T02:30:29.842Z", "2026-11-22T02:30:29.843Z")).isEqualTo("2026-11-22T02:30:29.843Z");
        assertThat(Timestamps.max("2026-11-22T02:30:29.843Z", "1970-01-01T00:00:00.000Z")).isEqualTo("2026-11-22T02:30:29.843Z");
    }
}
