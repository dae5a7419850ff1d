package org.openioto.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void namesFollowTheServicesMap() {
        assertThat(Capability.DATABASE.serviceName()).isEqualTo("database");
        assertThat(Capability.DATABASE.bundleName()).isEqualTo("org.openioto.store");
        assertThat(Capability.MQTT.pid()).isEqualTo("org.openioto.mqtt");
        assertThat(Capability.SERIALIZE.bundleName()).isEqualTo("org.openioto.core");
        assertThat(Capability.SERIALIZE.pid()).isEqualTo("org.openioto.identity");
    }

    @Test
    void findsCapabilitiesByServiceName() {
        assertThat(Capability.forService("sync")).contains(Capability.SYNC);
        assertThat(Capability.forService("Sync")).isEmpty();
        assertThat(Capability.forService("teleport")).isEmpty();
    }
}
