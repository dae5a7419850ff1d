package org.openioto.distribution.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing ioto.json5 under a running instance: a good edit is applied within two seconds, a
 * broken one is refused with its place and the last good configuration stays in force.
 */
class LiveReloadIT {

    /** What ioto.json5's header promises ("within a second"), with a second to spare for a loaded machine. */
    private static final Duration APPLIED = Duration.ofSeconds(2);

    @TempDir
    Path scratch;

    private Distribution dist;
    private Path state;
    private Path config;
    private ConfigFile ioto;

    @BeforeEach
    void setUp() {
        dist = new Distribution(scratch);
        state = scratch.resolve("state");
        config = dist.copyConfig(scratch.resolve("config"));
        ioto = new ConfigFile(config.resolve("ioto.json5"));
    }

    @AfterEach
    void killLeftovers() {
        dist.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void editIsLoggedAndAppliedWithinTwoSeconds() {
        OpenIotoProcess gateway = dist.startReady(state, "--config", config.toString());
        assertThat(demoRow()).containsExactly("demo", "yes", "ioto.json5");
        int mark = gateway.stdout().size();

        ioto.replaceLine("demo: true,", "demo: false,");

        gateway.awaitLine(("setup: info: Configuration reloaded from " + config)::equals, APPLIED, mark);
        String enabling = gateway.awaitLine(l -> l.startsWith("setup: info: Enabling services: "), APPLIED, mark);
        assertThat(enabling).isEqualTo("setup: info: Enabling services: db mqtt provision register serialize sync update url");
        assertThat(demoRow()).containsExactly("demo", "no", "ioto.json5");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void brokenEditIsRefusedWithItsPlaceAndTheInstanceKeepsRunning() {
        OpenIotoProcess gateway = dist.startReady(state, "--config", config.toString());
        int mark = gateway.stdout().size();

        int line = ioto.replaceLine("demo: true,", "demo: false,,");
        String place = ioto.where(line, ioto.column(line, ",,") + 1);

        gateway.awaitLine("setup: error: Refused the edited configuration; the last good one stays in force:"::equals,
                APPLIED, mark);
        gateway.awaitLine(l -> l.startsWith(place + ": Unexpected character (','"), APPLIED, mark);
        assertThat(gateway.isAlive()).isTrue();
        OpenIotoProcess status = dist.shell(state, "ioto:status");
        assertThat(status.exitCode()).as(status.describe()).isZero();
        assertThat(status.stdout()).as(status.describe())
                .anyMatch(l -> l.startsWith("OpenIoto:     " + Distribution.version() + " (ready)"))
                .anyMatch(l -> l.startsWith("Config error: " + place + ": "));
        assertThat(demoRow()).as("the last good configuration stays in force").containsExactly("demo", "yes", "ioto.json5");

        mark = gateway.stdout().size();
        ioto.replaceLine("demo: false,,", "demo: false,");
        gateway.awaitLine(("setup: info: Configuration reloaded from " + config)::equals, APPLIED, mark);
        assertThat(demoRow()).containsExactly("demo", "no", "ioto.json5");
        assertThat(dist.shell(state, "ioto:status").stdout()).noneMatch(l -> l.startsWith("Config error:"));
    }

    /** The demo row of ioto:services: service, wanted, why. */
    private List<String> demoRow() {
        OpenIotoProcess services = dist.shell(state, "ioto:services");
        assertThat(services.exitCode()).as(services.describe()).isZero();
        String row = services.stdout().stream().filter(l -> l.startsWith("demo ")).findFirst()
                .orElseThrow(() -> new AssertionError("no demo row; " + services.describe()));
        return List.of(row.trim().split("\\s+")).subList(0, 3);
    }
}
