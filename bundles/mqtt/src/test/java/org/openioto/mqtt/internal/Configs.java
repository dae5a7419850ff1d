package org.openioto.mqtt.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openioto.identity.DeviceIdentity;
import org.osgi.util.converter.Converters;

/** Builds the component's typed configuration from a map, as ConfigAdmin would. */
final class Configs {

    private Configs() {
    }

    static PahoMqttConnection.Config mqtt(Path state, Object... keysAndValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("directories.state", state.toString());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Converters.standardConverter().convert(props).to(PahoMqttConnection.Config.class);
    }

    static DeviceIdentity identity(String claimId) {
        return new DeviceIdentity() {
            @Override
            public String claimId() {
                return claimId;
            }

            @Override
            public Optional<String> product() {
                return Optional.empty();
            }
        };
    }
}
