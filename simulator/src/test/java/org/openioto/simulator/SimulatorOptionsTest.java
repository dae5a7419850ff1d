package org.openioto.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openioto.cloud.db.Seed;

class SimulatorOptionsTest {

    @Test
    void anEmptyCommandLineIsTheDefaults() throws Exception {
        SimulatorOptions o = SimulatorOptions.parse(List.of());
        assertThat(o).isEqualTo(SimulatorOptions.defaults());
        assertThat(o.devices()).isEqualTo(1000);
        assertThat(o.durationSeconds()).isEqualTo(60);
        assertThat(o.warmupSeconds()).isEqualTo(10);
        assertThat(o.rate()).isEqualTo(1.0);
        assertThat(o.productToken()).isEqualTo(Seed.DEFAULT_PRODUCT_TOKEN);
        assertThat(o.p99TargetMillis()).isEqualTo(100.0);
        assertThat(o.cloud()).isEmpty();
        assertThat(o.cloudJar()).isEmpty();
        assertThat(o.totalSeconds()).isEqualTo(70);
    }

    @Test
    void readsEveryOption() throws Exception {
        SimulatorOptions o = SimulatorOptions.parse(List.of("--devices", "1500", "--duration", "30", "--warmup", "0",
                "--rate", "2.5", "--cloud", "http://127.0.0.1:9080/", "--ca", "data/ca/ca.crt",
                "--admin-password", "pw", "--product-token", "TOKEN", "--p99-target-ms", "50",
                "--setup-timeout", "900", "--concurrency", "16"));
        assertThat(o).isEqualTo(new SimulatorOptions(1500, 30, 0, 2.5, Optional.of(URI.create("http://127.0.0.1:9080")),
                Optional.empty(), Optional.of(Path.of("data/ca/ca.crt")), Optional.of("pw"), "TOKEN", 50.0, 900, 16));
    }

    @Test
    void readsACloudJar() throws Exception {
        assertThat(SimulatorOptions.parse(List.of("--cloud-jar", "cloud/target/openioto-cloud.jar")).cloudJar())
                .contains(Path.of("cloud/target/openioto-cloud.jar"));
    }

    @Test
    void refusesNumbersOutOfRangeOrNotNumbers() {
        assertUsage(List.of("--devices", "0"), "--devices must be a whole number from 1 to 100000, not '0'");
        assertUsage(List.of("--devices", "ten"), "--devices must be a whole number from 1 to 100000, not 'ten'");
        assertUsage(List.of("--duration", "-5"), "--duration must be a whole number");
        assertUsage(List.of("--rate", "0"), "--rate must be a number from 0.01 to 100.0, not '0'");
        assertUsage(List.of("--rate", "NaN"), "--rate must be a number");
        assertUsage(List.of("--p99-target-ms", "0"), "--p99-target-ms must be a number");
        assertUsage(List.of("--concurrency", "1000"), "--concurrency must be a whole number from 1 to 256");
    }

    @Test
    void refusesUnknownOrValuelessOptions() {
        assertUsage(List.of("--devcies", "5"), "Unknown option --devcies");
        assertUsage(List.of("--devices"), "Option --devices needs a value");
        assertUsage(List.of("--product-token", " "), "Option --product-token needs a non-empty value");
    }

    @Test
    void aRunningCloudMustBeOnLoopbackAndComeWithItsCaAndPassword() {
        assertUsage(List.of("--cloud", "http://example.com:9080", "--ca", "ca.crt", "--admin-password", "pw"),
                "--cloud must be on 127.0.0.1 or localhost, not example.com");
        assertUsage(List.of("--cloud", "https://127.0.0.1:9080", "--ca", "ca.crt", "--admin-password", "pw"),
                "--cloud must be http://HOST:PORT");
        assertUsage(List.of("--cloud", "http://127.0.0.1", "--ca", "ca.crt", "--admin-password", "pw"),
                "--cloud must be http://HOST:PORT");
        assertUsage(List.of("--cloud", "http://127.0.0.1:9080"), "--cloud needs --ca");
        assertUsage(List.of("--cloud", "http://localhost:9080", "--ca", "ca.crt", "--admin-password", "pw",
                "--cloud-jar", "x.jar"), "--cloud and --cloud-jar exclude each other");
        assertUsage(List.of("--admin-password", "pw"), "--ca and --admin-password are for --cloud only");
    }

    @Test
    void helpIsAUsageExceptionWithoutAMessage() {
        assertThatThrownBy(() -> SimulatorOptions.parse(List.of("--help")))
                .isInstanceOf(SimulatorOptions.UsageException.class).hasMessage("");
    }

    private static void assertUsage(List<String> args, String message) {
        assertThatThrownBy(() -> SimulatorOptions.parse(args))
                .isInstanceOf(SimulatorOptions.UsageException.class)
                .hasMessageStartingWith(message);
    }
}
