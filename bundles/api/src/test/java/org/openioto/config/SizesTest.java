package org.openioto.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {

    @ParameterizedTest
    @CsvSource({
        "10k, 10240",
        "50kb, 51200",
        "1mb, 1048576",
        "1m, 1048576",        // Ioto: 'm' is a megabyte, not a minute
        "2g, 2147483648",
        "1gb, 1073741824",
        "128, 128",
        "1.5k, 1536",
        "' 4 KB ', 4096",
    })
    void parsesIotoSizes(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"unlimited", "infinite", "never"})
    void parsesUnlimited(String text) {
        assertThat(Sizes.parse(text)).isEqualTo(Sizes.UNLIMITED);
    }

    @ParameterizedTest
    @CsvSource({"abc", "10 secs", "1tb", "''", "-1k"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
        assertThat(Sizes.isValid(text)).isFalse();
    }
}
