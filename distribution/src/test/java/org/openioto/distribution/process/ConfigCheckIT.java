package org.openioto.distribution.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/openioto --check --config DIR}: the merged configuration, or every problem with its place. */
class ConfigCheckIT {

    private static final Duration CHECK = Duration.ofSeconds(30);

    @TempDir
    Path scratch;

    private Distribution dist;
    private Path config;
    private ConfigFile ioto;

    @BeforeEach
    void setUp() {
        dist = new Distribution(scratch);
        config = dist.copyConfig(scratch.resolve("config"));
        ioto = new ConfigFile(config.resolve("ioto.json5"));
    }

    @AfterEach
    void killLeftovers() {
        dist.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void printsMergedConfigurationWithTheProvisioningTokenMasked() throws Exception {
        Files.writeString(config.resolve("provision.json5"),
                "{\n    token: 'secret-value',\n    product: 'PRODUCT-1',\n}\n");

        OpenIotoProcess check = check();

        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.stdout()).as(check.describe())
                .startsWith("// 3 files, profile \"dev\", mode \"cloud\"", "{", "    version: '1.0.0',")
                .contains("    provision: {", "        token: '********',", "        product: 'PRODUCT-1',",
                        "        model: 'gateway-1',", "        demo: true,");
        assertThat(check.stderr()).as(check.describe()).isEmpty();
        assertThat(check.output()).doesNotContain("secret-value");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tokenWrittenWithoutQuotesIsNotQuotedInTheError() throws Exception {
        Files.writeString(config.resolve("provision.json5"), "{\n    token: s3cret-value,\n}\n");
        ConfigFile provision = new ConfigFile(config.resolve("provision.json5"));

        OpenIotoProcess check = check();

        assertThat(check.exitCode()).as(check.describe()).isEqualTo(1);
        assertThat(check.stderr()).as(check.describe()).singleElement().asString()
                .startsWith("error: " + provision.where(2, "s3cret") + ": Unrecognized token '********'");
        assertThat(check.output()).doesNotContain("s3cret");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void syntaxErrorNamesFileLineAndColumn() {
        int line = ioto.replaceLine("demo: true,", "demo: true,,");

        OpenIotoProcess check = check();

        assertThat(check.exitCode()).as(check.describe()).isEqualTo(1);
        // Jackson points at the character it could not take: the second comma
        String secondComma = ioto.where(line, ioto.column(line, ",,") + 1);
        assertThat(check.stderr()).as(check.describe()).hasSize(1)
                .allMatch(l -> l.startsWith("error: " + secondComma + ": Unexpected character (','"));
        assertThat(check.stdout()).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void valueOfTheWrongTypeNamesFileLineColumnAndKey() {
        int line = ioto.replaceLine("mqtt: {", "mqtt: { port: 'abc',");

        OpenIotoProcess check = check();

        assertThat(check.exitCode()).as(check.describe()).isEqualTo(1);
        assertThat(check.stderr()).as(check.describe()).containsExactly("error: " + ioto.where(line, "port")
                + ": mqtt.port: expected a port number 0-65535, found 'abc'");
        assertThat(check.stdout()).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unknownKeyDrawsAWarningNamingIt() {
        int line = ioto.replaceLine("app: 'gateway',", "app: 'gateway', colour: 'blue',");

        OpenIotoProcess check = check();

        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.stderr()).as(check.describe())
                .containsExactly("warning: " + ioto.where(line, "colour") + ": unknown key 'colour' (ignored)");
        assertThat(check.stdout()).contains("    colour: 'blue',");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nullValueIsAccepted() {
        ioto.replaceLine("app: 'gateway',", "app: 'gateway', name: null,");

        OpenIotoProcess check = check();

        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.stdout()).as(check.describe()).contains("    name: null,");
    }

    private OpenIotoProcess check() {
        return dist.run(CHECK, "--check", "--config", config.toString(), "--state", scratch.resolve("state").toString());
    }
}
