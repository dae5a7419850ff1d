package org.openioto.core.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimIdsTest {

    @Test
    void generatesTenCharactersOfCrockfordBase32() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            assertThat(ClaimIds.generate(random)).matches("[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}");
        }
    }

    @Test
    void usesEverySymbolAboutEquallyOften() {
        SecureRandom random = new SecureRandom();
        Map<Character, Integer> counts = new HashMap<>();
        int ids = 3200;
        for (int i = 0; i < ids; i++) {
            for (char c : ClaimIds.generate(random).toCharArray()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        // 32,000 symbols, 1,000 expected each; 6 standard deviations is about +-190.
        assertThat(counts).hasSize(32);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
    }

    @Test
    void generatedIdsDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ClaimIds.generate(random))).isTrue();
        }
    }

    @Test
    void acceptsConfiguredIdsThatFitATopicAndAClientId() {
        assertThat(ClaimIds.validate("M72DANY8BZ", "device.json5")).isEqualTo("M72DANY8BZ");
        assertThat(ClaimIds.validate("gw-01_a", "device.json5")).isEqualTo("gw-01_a");
    }

    @Test
    void refusesIdsThatWouldBreakTopicsOrClientIds() {
        for (String bad : new String[] {"", "has space", "a/b", "a+b", "x#", "123456789012345678901", "ünï"}) {
            assertThatThrownBy(() -> ClaimIds.validate(bad, "device.json5 'id'"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("device.json5 'id'").hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> ClaimIds.validate(null, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
