package org.openioto.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "30 secs, 30000",
        "30secs, 30000",
        "1 sec, 1000",
        "1 min, 60000",
        "15 mins, 900000",
        "2 minutes, 120000",
        "24 hrs, 86400000",
        "1 hour, 3600000",
        "1 day, 86400000",
        "2 weeks, 1209600000",
        "1 month, 2592000000",
        "1 year, 31536000000",
        "45, 45000",
        "0, 0",
        "1.5 secs, 1500",
        "250 ms, 250",
        "' 10 SECS ', 10000",
    })
    void parsesIotoDurations(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"never", "forever", "unlimited", "infinite", "NEVER"})
    void parsesEndlessDurations(String text) {
        assertThat(Durations.parse(text)).isSameAs(Durations.NEVER);
    }

    @Test
    void refusesAMegabyteWhereMinutesWereMeant() {
        // Ioto reads '1m' as one megabyte; as a duration it is almost certainly a mistake.
        assertThatThrownBy(() -> Durations.parse("1m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1m'")
                .hasMessageContaining("'min'");
    }

    @ParameterizedTest
    @CsvSource({"abc", "'10 parsecs'", "-5 secs", "''", "1 2 secs"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
        assertThat(Durations.isValid(text)).isFalse();
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
