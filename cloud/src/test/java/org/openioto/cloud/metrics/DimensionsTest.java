package org.openioto.cloud.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Dimension sets as devices send them: placeholders, the fleet, and what is refused. */
class DimensionsTest {

    private static final String ID = "W3DS2DCGXJ";

    @Test
    void expandsTheDevicePlaceholderWhereverItIs() {
        assertThat(Dimensions.fromDevice(Map.of("Device", "${deviceId}"), ID)).isEqualTo(Dimensions.device(ID));
        assertThat(Dimensions.fromDevice(Map.of("Unit", "u-${deviceId}-1"), ID).values())
                .containsExactly(Map.entry("Unit", "u-" + ID + "-1"));
    }

    @Test
    void readsIotosDefaultAndFleetArrays() {
        // ioSetMetric's default, and "[{}]" for all devices
        assertThat(Dimensions.setsFromDevice(List.of(Map.of("Device", "${deviceId}")), ID))
                .containsExactly(Dimensions.device(ID));
        assertThat(Dimensions.setsFromDevice(List.of(Map.of()), ID)).containsExactly(Dimensions.FLEET);
        assertThat(Dimensions.setsFromDevice(List.of(Map.of("Device", ID), Map.of(), Map.of()), ID))
                .as("duplicates count once").containsExactly(Dimensions.device(ID), Dimensions.FLEET);
        assertThat(Dimensions.FLEET.isFleet()).isTrue();
    }

    @Test
    void keysSetsByNameOrder() {
        Dimensions d = Dimensions.fromDevice(Map.of("Zone", "a\"b", "Device", ID), ID);
        assertThat(d.canonical()).isEqualTo("{\"Device\":\"" + ID + "\",\"Zone\":\"a\\\"b\"}");
        assertThat(Dimensions.FLEET.canonical()).isEqualTo("{}");
    }

    @Test
    void refusesAnotherDeviceOtherPlaceholdersAndBadShapes() {
        assertThatThrownBy(() -> Dimensions.fromDevice(Map.of("Device", "OTHER00001"), ID))
                .hasMessage("the Device dimension names another device");
        assertThatThrownBy(() -> Dimensions.fromDevice(Map.of("Device", "${accountId}"), ID))
                .hasMessage("a dimension holds a placeholder other than ${deviceId}");
        assertThatThrownBy(() -> Dimensions.fromDevice(Map.of("Device", 5), ID))
                .hasMessage("a dimension value is not a string");
        assertThatThrownBy(() -> Dimensions.fromDevice(List.of(), ID)).hasMessage("dimensions are not a JSON object");
        assertThatThrownBy(() -> Dimensions.fromDevice(Map.of("a b", "x"), ID))
                .hasMessageStartingWith("a dimension name is not");
        assertThatThrownBy(() -> Dimensions.fromDevice(Map.of("Unit", ""), ID))
                .hasMessageStartingWith("a dimension value is not");
        assertThatThrownBy(() -> Dimensions.fromDevice(Map.of("Unit", "x".repeat(129)), ID))
                .hasMessageStartingWith("a dimension value is not");
        assertThatThrownBy(() -> Dimensions.fromDevice(Map.of("Unit", "caf\u00e9"), ID))
                .hasMessageStartingWith("a dimension value is not");
        assertThatThrownBy(() -> Dimensions.fromDevice(Map.of("a", "1", "b", "1", "c", "1", "d", "1", "e", "1"), ID))
                .hasMessage("more than 4 dimensions");
        assertThatThrownBy(() -> Dimensions.setsFromDevice(List.of(), ID)).hasMessageStartingWith("dimensions are not an array");
        assertThatThrownBy(() -> Dimensions.setsFromDevice(Map.of("Device", ID), ID))
                .hasMessageStartingWith("dimensions are not an array");
        assertThatThrownBy(() -> Dimensions.setsFromDevice(List.of(Map.of(), Map.of(), Map.of(), Map.of(), Map.of()), ID))
                .hasMessageStartingWith("dimensions are not an array");
        assertThatThrownBy(() -> new Dimensions(new TreeMap<>(Map.of("Device", "\n")))).isInstanceOf(IllegalArgumentException.class);
    }
}
