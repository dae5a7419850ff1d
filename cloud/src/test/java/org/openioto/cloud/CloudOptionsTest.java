package org.openioto.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openioto.cloud.http.HttpApi;

class CloudOptionsTest {

    @Test
    void defaultsWithNoArguments() throws Exception {
        CloudOptions o = CloudOptions.parse(List.of());
        assertThat(o.data()).isEqualTo(Path.of("cloud-data"));
        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.httpPort()).isEqualTo(9080);
        assertThat(o.mqttPort()).isZero();
        assertThat(o.mqttsPort()).isEqualTo(8883);
        assertThat(o.adminPassword()).isEmpty();
        assertThat(o.certificateLifetime()).isEqualTo(java.time.Duration.ofDays(365));
        assertThat(o.deviceRate()).isEqualTo(100);
        assertThat(o.jdbcUrl()).startsWith("jdbc:h2:file:").endsWith(Path.of("cloud-data", "cloud").toString());
    }

    @Test
    void defaultPortAndPathMatchTheGatewaysBuilderUrl() throws IOException {
        Path ioto = Path.of("..", "config", "ioto.json5");
        Assumptions.assumeTrue(Files.exists(ioto), "config/ioto.json5 not found next to the cloud module");
        Matcher m = Pattern.compile("builder:\\s*'([^']+)'").matcher(Files.readString(ioto));
        assertThat(m.find()).as("api.builder in config/ioto.json5").isTrue();
        URI builder = URI.create(m.group(1));
        assertThat(builder.getHost()).isEqualTo(CloudOptions.defaults().bind());
        assertThat(builder.getPort()).isEqualTo(CloudOptions.defaults().httpPort());
        assertThat(builder.getPath()).isEqualTo(HttpApi.BUILDER_PATH);
    }

    @Test
    void theGatewaysDefaultProductIsTheSeededOne() throws IOException {
        Path device = Path.of("..", "config", "device.json5");
        Assumptions.assumeTrue(Files.exists(device), "config/device.json5 not found next to the cloud module");
        Matcher m = Pattern.compile("product:\\s*'([^']+)'").matcher(Files.readString(device));
        assertThat(m.find()).as("product in config/device.json5").isTrue();
        assertThat(m.group(1)).isEqualTo(org.openioto.cloud.db.Seed.DEFAULT_PRODUCT_TOKEN);
    }

    @Test
    void parsesEveryOption() throws Exception {
        CloudOptions o = CloudOptions.parse(List.of("--data", "d", "--bind", "0.0.0.0", "--http-port", "0",
                "--mqtt-port", "1883", "--mqtts-port", "0", "--admin-password", "pw",
                "--db", "jdbc:postgresql://localhost/cloud", "--cert-days", "30", "--device-rate", "7"));
        assertThat(o).isEqualTo(new CloudOptions(Path.of("d"), "0.0.0.0", 0, 1883, 0,
                java.util.Optional.of("pw"), java.util.Optional.of("jdbc:postgresql://localhost/cloud"))
                .withCertificateLifetime(java.time.Duration.ofDays(30)).withDeviceRate(7));
        assertThat(o.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/cloud");
    }

    @Test
    void rejectsUnknownOptionsAndBadValues() {
        assertThatThrownBy(() -> CloudOptions.parse(List.of("--colour", "red")))
                .isInstanceOf(CloudOptions.UsageException.class).hasMessage("Unknown option --colour");
        assertThatThrownBy(() -> CloudOptions.parse(List.of("--http-port", "http")))
                .hasMessage("--http-port must be a port number from 0 to 65535, not 'http'");
        assertThatThrownBy(() -> CloudOptions.parse(List.of("--mqtts-port", "70000")))
                .hasMessageContaining("from 0 to 65535");
        assertThatThrownBy(() -> CloudOptions.parse(List.of("--data")))
                .hasMessage("Option --data needs a value");
        assertThatThrownBy(() -> CloudOptions.parse(List.of("--db", "jdbc:mysql://x/y")))
                .hasMessageContaining("jdbc:h2: or jdbc:postgresql:");
        assertThatThrownBy(() -> CloudOptions.parse(List.of("--cert-days", "0")))
                .hasMessage("--cert-days must be a number from 1 to 3650, not '0'");
        assertThatThrownBy(() -> CloudOptions.parse(List.of("--bind", " ")))
                .hasMessage("Option --bind needs a non-empty value");
    }
}
