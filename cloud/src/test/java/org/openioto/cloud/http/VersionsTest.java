package org.openioto.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

    @Test
    void comparesPartsAsNumbers() {
        assertThat(Versions.compare("1.10.0", "1.9.9")).isPositive();
        assertThat(Versions.compare("1.0.2", "1.0.10")).isNegative();
        assertThat(Versions.compare("2", "1.99.99")).isPositive();
    }

    @Test
    void treatsMissingPartsAsZero() {
        assertThat(Versions.compare("1.2", "1.2.0")).isZero();
        assertThat(Versions.compare("1.2.0.1", "1.2")).isPositive();
        assertThat(Versions.compare("01.2", "1.2")).as("leading zeros").isZero();
    }

    @Test
    void sortsOldestFirst() {
        List<String> v = new ArrayList<>(List.of("1.10", "1.2.3", "1.9", "0.9.9"));
        v.sort(Versions.ORDER);
        assertThat(v).containsExactly("0.9.9", "1.2.3", "1.9", "1.10");
    }

    @Test
    void acceptsOnlyDottedNumbers() {
        assertThat(Versions.isValid("1.0.0")).isTrue();
        assertThat(Versions.isValid("7")).isTrue();
        for (String bad : new String[] {"", "1.", ".1", "1..2", "v1.0", "1.0.0-beta", "1.0 ", "1,0",
                "1234567890", "1.2.3.4.5.6.7.8.9"}) {
            assertThat(Versions.isValid(bad)).as("'%s'", bad).isFalse();
        }
        assertThat(Versions.isValid(null)).isFalse();
        assertThatThrownBy(() -> Versions.compare("1.0", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
