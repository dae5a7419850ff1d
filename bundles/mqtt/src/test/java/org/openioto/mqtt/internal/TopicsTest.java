package org.openioto.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openioto.mqtt.MqttException;

class TopicsTest {

    @ParameterizedTest
    @CsvSource({
        "ioto/device/ID/#, ioto/device/ID/sync/SYNC, true",
        "ioto/device/ID/#, ioto/device/ID, true",            // '#' also matches the parent level
        "ioto/device/+/sync/+, ioto/device/ID/sync/SYNC, true",
        "ioto/device/+/sync/+, ioto/device/ID/sync, false",
        "ioto/device/ID/sync/+, ioto/device/ID/sync/SYNC/x, false",
        "a/b, a/b, true",
        "a/b, a/c, false",
        "+/+, a/, true",                                     // empty levels count
        "#, $aws/rules/x, false",                            // wildcards never match a leading $
        "+/rules/x, $aws/rules/x, false",
        "$aws/rules/#, $aws/rules/x, true",
    })
    void matchesAsMqttSays(String filter, String topic, boolean matches) {
        assertThat(Topics.matches(filter, topic)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({"a/#/b", "a/b#", "a+/b", "''"})
    void refusesBadFilters(String filter) {
        assertThatThrownBy(() -> Topics.checkFilter(filter, 256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsGoodFilters() {
        assertThat(Topics.checkFilter("ioto/device/+/sync/#", 256)).isEqualTo("ioto/device/+/sync/#");
        assertThat(Topics.checkFilter("#", 256)).isEqualTo("#");
    }

    @Test
    void refusesWildcardsAndEmptyTopicsToPublish() {
        assertThatThrownBy(() -> Topics.checkTopic("a/+", 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a/+'");
        assertThatThrownBy(() -> Topics.checkTopic("", 256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTopicsOverTheLimitCountingUtf8Bytes() {
        assertThat(Topics.checkTopic("é".repeat(64), 128)).hasSize(64);
        assertThatThrownBy(() -> Topics.checkTopic("é".repeat(65), 128)).isInstanceOf(MqttException.class)
                .hasMessageContaining("130 bytes").hasMessageContaining("limit of 128");
    }
}
