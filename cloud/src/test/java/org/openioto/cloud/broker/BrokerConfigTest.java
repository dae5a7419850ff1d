package org.openioto.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static final Path DATA = Path.of("data");

    @Test
    void plainListenerOffMeansDisabledNotMoquettesDefault() {
        var properties = Broker.properties(new Broker.Config(null, 8883, 0, DATA));

        assertThat(properties.getProperty("port")).isEqualTo("disabled");
        assertThat(properties.getProperty("ssl_port")).isEqualTo("8883");
        assertThat(properties.getProperty("host")).isEqualTo("127.0.0.1");
        assertThat(properties.getProperty("telemetry_enabled")).isEqualTo("false");
        assertThat(properties.getProperty("netty.mqtt.message_size")).isEqualTo("131072");
        assertThat(properties.getProperty("data_path")).isEqualTo(DATA.toAbsolutePath().toString());
    }

    @Test
    void plainListenerOnWhenGivenAPort() {
        var properties = Broker.properties(new Broker.Config("10.0.0.5", 8883, 1884, DATA));

        assertThat(properties.getProperty("port")).isEqualTo("1884");
        assertThat(properties.getProperty("host")).isEqualTo("10.0.0.5");
    }

    @Test
    void refusesImpossiblePorts() {
        assertThatThrownBy(() -> new Broker.Config(null, 0, 0, DATA)).hasMessageContaining("TLS port");
        assertThatThrownBy(() -> new Broker.Config(null, 8883, 70000, DATA)).hasMessageContaining("plain port");
    }
}
