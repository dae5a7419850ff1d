package org.openioto.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    private LoadedConfig load() throws Exception {
        return load(Optional.empty(), Map.of());
    }

    private LoadedConfig load(Optional<String> profile, Map<String, String> env) throws Exception {
        return new ConfigLoader(dir, profile, env).load();
    }

    @Test
    void blendsTheFilesInIotosOrder() throws Exception {
        write("ioto.json5", "{version: '1.0.0', mqtt: {port: 443, timeout: '1 min'}}");
        write("local.json5", "{mqtt: {port: 8883}}");
        write("device.json5", "{id: 'ABCDEF1234', product: 'P1'}");
        write("provision.json5", "{endpoint: 'broker.example', port: 8883}");
        LoadedConfig c = load();
        assertThat(c.get("mqtt.port")).contains(8883L);
        assertThat(c.get("mqtt.timeout")).contains("1 min");
        assertThat(c.get("device.id")).contains("ABCDEF1234");
        assertThat(c.get("provision.endpoint")).contains("broker.example");
        assertThat(c.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("ioto.json5", "local.json5", "device.json5", "provision.json5", "local.json5");
    }

    @Test
    void localOverridesWinOverDeviceAndProvisionFiles() throws Exception {
        // local.json5 is read again last: "last chance overrides".
        write("ioto.json5", "{}");
        write("device.json5", "{name: 'from device'}");
        write("local.json5", "{device: {name: 'from local'}}");
        assertThat(load().get("device.name")).contains("from local");
    }

    @Test
    void appliesTheSelectedProfileBlockAndDropsConditional() throws Exception {
        write("ioto.json5", """
                {
                    profile: 'dev',
                    log: {types: 'error'},
                    conditional: {
                        profile: {
                            dev: {log: {'+types': 'info'}, directories: {state: 'state'}},
                            prod: {directories: {state: '/var/lib/ioto'}},
                        },
                    },
                }
                """);
        LoadedConfig dev = load();
        assertThat(dev.profile()).isEqualTo("dev");
        assertThat(dev.get("log.types")).contains("error info");
        assertThat(dev.get("directories.state")).contains("state");
        assertThat(dev.root()).doesNotContainKey("conditional");

        LoadedConfig prod = load(Optional.of("prod"), Map.of());
        assertThat(prod.profile()).isEqualTo("prod");
        assertThat(prod.get("directories.state")).contains("/var/lib/ioto");
        assertThat(prod.root()).containsEntry("profile", "prod");
    }

    @Test
    void profileComesFromOptionThenEnvironmentThenFileThenDev() throws Exception {
        write("ioto.json5", "{profile: 'fromfile'}");
        assertThat(load().profile()).isEqualTo("fromfile");
        assertThat(load(Optional.empty(), Map.of("IOTO_PROFILE", "fromenv")).profile()).isEqualTo("fromenv");
        assertThat(load(Optional.of("fromopt"), Map.of("IOTO_PROFILE", "fromenv")).profile()).isEqualTo("fromopt");
        write("ioto.json5", "{}");
        assertThat(load().profile()).isEqualTo("dev");
    }

    @Test
    void selectsConditionalBlocksByAnyTopLevelKey() throws Exception {
        write("ioto.json5", "{mode: 'local', conditional: {mode: {local: {services: {mqtt: false}}, cloud: {services: {mqtt: true}}}}}");
        LoadedConfig c = load();
        assertThat(c.get("services.mqtt")).contains(false);
        assertThat(c.mode()).isEqualTo("local");
    }

    @Test
    void appliesConditionalBlocksInsideDeviceJson5ToTheDeviceSubtree() throws Exception {
        write("ioto.json5", "{profile: 'prod'}");
        write("device.json5", "{name: 'x', conditional: {profile: {prod: {name: 'production unit'}}}}");
        LoadedConfig c = load();
        assertThat(c.get("device.name")).contains("production unit");
        assertThat(c.get("device.conditional")).isEmpty();
    }

    @Test
    void readsThe1xProfilesForm() throws Exception {
        write("ioto.json5", "{profile: 'dev', profiles: {dev: {mqtt: {port: 1883}}, prod: {mqtt: {port: 443}}}}");
        LoadedConfig c = load();
        assertThat(c.get("mqtt.port")).contains(1883L);
        assertThat(c.root()).doesNotContainKey("profiles");
    }

    @Test
    void environmentOverridesDeviceKeys() throws Exception {
        write("ioto.json5", "{}");
        write("device.json5", "{id: 'FILEID0001'}");
        LoadedConfig c = load(Optional.empty(), Map.of("IOTO_ID", "ENVID00001", "IOTO_PRODUCT", "PROD"));
        assertThat(c.get("device.id")).contains("ENVID00001");
        assertThat(c.get("device.product")).contains("PROD");
        assertThat(c.origins()).containsEntry("device.id", "environment IOTO_ID");
    }

    @Test
    void modeDefaultsToCloudWhenACloudServiceIsOn() throws Exception {
        write("ioto.json5", "{services: {provision: true}}");
        assertThat(load().mode()).isEqualTo("cloud");
        write("ioto.json5", "{services: {database: true}}");
        assertThat(load().mode()).isEqualTo("local");
    }

    @Test
    void aMissingIotoJson5IsAnErrorNamingTheFile() {
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("ioto.json5").toString())
                .hasMessageContaining("missing");
    }

    @Test
    void aWrongTypeIsAnErrorWithFileLineAndColumn() throws Exception {
        write("ioto.json5", "{\n  mqtt: {\n    port: 'abc',\n  },\n}\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("ioto.json5:3:5: mqtt.port: expected a port number 0-65535, found 'abc'");
    }

    @Test
    void aScheduleThatIsNotACronIsAnError() throws Exception {
        write("ioto.json5", "{\n  mqtt: {\n    schedule: '* 25 * * *',\n  },\n}\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ioto.json5:3:5: mqtt.schedule: expected a schedule such as '* 9-17 * * 1-5'");
    }

    @Test
    void aWrongTypeInAProfileBlockIsPlacedAtTheBlock() throws Exception {
        write("ioto.json5", "{\n  conditional: {profile: {dev: {\n    mqtt: {timeout: 'soon'}}}},\n}\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ioto.json5:3:12: mqtt.timeout: expected a duration");
    }

    @Test
    void aClaimIdThatCannotBeATopicLevelIsAnError() throws Exception {
        write("ioto.json5", "{}");
        write("device.json5", "{\n  id: 'bad/id',\n  anything: {goes: 1},\n}");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("device.json5:2:3: device.id: expected 1 to 20 letters");
    }

    @Test
    void keepsTheOrderOfTheFile() throws Exception {
        write("ioto.json5", "{version: '1', services: {}, mqtt: {}, app: 'x'}");
        assertThat(load().root().keySet()).containsExactly("version", "services", "mqtt", "app", "profile");
    }

    @Test
    void listsEveryErrorNotJustTheFirst() throws Exception {
        write("ioto.json5", "{mqtt: {port: 70000, delay: 'x'}, services: {sync: 'maybe'}}");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, this::load);
        assertThat(e.problems()).hasSize(3).allMatch(Problem::isError);
        assertThat(e.getMessage()).contains("mqtt.port").contains("mqtt.delay").contains("services.sync");
    }

    @Test
    void unknownKeysAreWarningsNamingTheKey() throws Exception {
        write("ioto.json5", "{\n  mqtt: {porrt: 1883},\n  colour: 'blue',\n}\n");
        LoadedConfig c = load();
        assertThat(c.warnings()).extracting(Problem::toString).containsExactly(
                "ioto.json5:2:10: unknown key 'mqtt.porrt' (ignored)",
                "ioto.json5:3:3: unknown key 'colour' (ignored)");
    }

    @Test
    void acceptsTheDefaultConfigurationShippedWithTheProject() throws Exception {
        Path shipped = Path.of("../../config").toAbsolutePath().normalize();
        LoadedConfig c = new ConfigLoader(shipped, Optional.empty(), Map.of()).load();
        assertThat(c.warnings()).isEmpty();
        assertThat(c.get("services.sync")).contains(true);
    }

    @Test
    void aSyntaxErrorInAnOptionalFileStillFails() throws Exception {
        write("ioto.json5", "{}");
        write("device.json5", "{id: 'x',,}");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageStartingWith("device.json5:1:");
    }
}
