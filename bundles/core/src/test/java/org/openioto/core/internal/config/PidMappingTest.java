package org.openioto.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidMappingTest {

    @TempDir
    Path dir;

    private Map<String, Map<String, Object>> map(String ioto, String device) throws Exception {
        Files.writeString(dir.resolve("ioto.json5"), ioto);
        if (device != null) {
            Files.writeString(dir.resolve("device.json5"), device);
        }
        LoadedConfig c = new ConfigLoader(dir, Optional.empty(), Map.of()).load();
        return PidMapping.map(c, dir, dir.resolve("state"));
    }

    @Test
    void givesEachCapabilityItsOwnSectionWithoutPrefix() throws Exception {
        Map<String, Map<String, Object>> pids = map("{mqtt: {port: 8883, endpoint: 'mqtt://h:1'}, update: {enable: true}}", null);
        assertThat(pids.get("org.openioto.mqtt")).containsEntry("port", 8883L).containsEntry("endpoint", "mqtt://h:1");
        assertThat(pids.get("org.openioto.update")).containsEntry("enable", true);
    }

    @Test
    void keepsThePathOfSectionsBorrowedFromElsewhere() throws Exception {
        Map<String, Map<String, Object>> pids = map("{api: {builder: 'https://b/api'}, timeouts: {api: '5 secs'}}",
                "{product: 'P', name: 'gw'}");
        assertThat(pids.get("org.openioto.register")).containsEntry("api.builder", "https://b/api")
                .containsEntry("timeouts.api", "5 secs").containsEntry("device.product", "P")
                .containsEntry("device.name", "gw");
    }

    @Test
    void coreGetsTheServicesMapAndIdentityGetsTheDeviceId() throws Exception {
        Map<String, Map<String, Object>> pids = map("{services: {sync: true, serialize: 'auto'}, mqtt: {endpoint: 'e'}}",
                "{id: 'ABC', product: 'P'}");
        assertThat(pids.get(PidMapping.CORE)).containsEntry("services.sync", true)
                .containsEntry("services.serialize", "auto").containsEntry("mqtt.endpoint", "e")
                .containsEntry("mode", "cloud");
        assertThat(pids.get("org.openioto.identity")).containsEntry("id", "ABC").containsEntry("product", "P")
                .containsEntry("serialize", "auto");
    }

    @Test
    void readsThe1xDeviceKeys() throws Exception {
        assertThat(map("{}", "{claim: 'OLD1', productToken: 'T'}").get("org.openioto.identity"))
                .containsEntry("id", "OLD1").containsEntry("product", "T");
    }

    @Test
    void everyPidKnowsProfileVersionAndDirectories() throws Exception {
        map("{version: '2.0.0'}", null).forEach((pid, props) -> assertThat(props)
                .as(pid)
                .containsEntry("profile", "dev")
                .containsEntry("version", "2.0.0")
                .containsEntry("directories.config", dir.toString())
                .containsEntry("directories.state", dir.resolve("state").toString()));
    }

    @Test
    void flattensListsIntoStringArrays() throws Exception {
        Map<String, Object> logs = map("{files: [{path: '/var/log/a'}, {path: '/var/log/b'}]}", null).get("org.openioto.logs");
        assertThat((String[]) logs.get("files")).containsExactly("{\"path\":\"/var/log/a\"}", "{\"path\":\"/var/log/b\"}");
    }
}
