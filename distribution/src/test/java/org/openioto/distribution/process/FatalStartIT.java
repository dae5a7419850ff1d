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

/**
 * Start-ups that cannot succeed end at once with a message that says why and the exit code
 * {@code Main} documents: 2 cannot start, 64 wrong arguments.
 */
class FatalStartIT {

    /** Long enough to start the framework, find the problem and stop it again on a loaded machine. */
    private static final Duration FAIL = Duration.ofSeconds(30);

    @TempDir
    Path scratch;

    private Distribution dist;
    private Path state;

    @BeforeEach
    void setUp() {
        dist = new Distribution(scratch);
        state = scratch.resolve("state");
    }

    @AfterEach
    void killLeftovers() {
        dist.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void missingIotoJson5Exits2NamingTheFile() throws Exception {
        Path config = Files.createDirectories(scratch.resolve("config"));
        Files.copy(dist.home().resolve("config/device.json5"), config.resolve("device.json5"));

        OpenIotoProcess gateway = dist.run(FAIL, "--config", config.toString(), "--state", state.toString());

        assertThat(gateway.exitCode()).as(gateway.describe()).isEqualTo(2);
        assertThat(gateway.stdout()).as(gateway.describe()).containsSubsequence(
                "setup: error: Cannot start with this configuration:",
                config.resolve("ioto.json5") + ": ioto.json5 is missing; it is required (give the directory with --config)");
        assertThat(gateway.stdout()).doesNotContain(LogLines.ready());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void stateDirectoryThatCannotBeMadeExits2NamingIt() throws Exception {
        // permissions do not stop root, who runs the tests in CI; a regular file in the way does
        Path file = Files.writeString(scratch.resolve("not-a-directory"), "");
        Path under = file.resolve("state");

        OpenIotoProcess below = dist.run(FAIL, "--state", under.toString());
        assertThat(below.exitCode()).as(below.describe()).isEqualTo(2);
        assertThat(below.stderr()).as(below.describe()).singleElement().asString()
                .startsWith("openioto: the state directory " + under + " is not writable: ")
                .contains("Not a directory");

        OpenIotoProcess itself = dist.run(FAIL, "--state", file.toString());
        assertThat(itself.exitCode()).as(itself.describe()).isEqualTo(2);
        assertThat(itself.stderr()).as(itself.describe()).singleElement().asString()
                .startsWith("openioto: the state directory " + file + " is not writable: ");
        assertThat(Files.readString(file)).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unknownArgumentExits64WithUsage() {
        OpenIotoProcess gateway = dist.run(FAIL, "--bogus", "--state", state.toString());

        assertThat(gateway.exitCode()).as(gateway.describe()).isEqualTo(64);
        assertThat(gateway.stderr()).as(gateway.describe()).startsWith(
                "openioto: unknown argument '--bogus'",
                "usage: openioto [run] [--config DIR] [--state DIR] [--profile NAME]");
        assertThat(gateway.stdout()).isEmpty();
        assertThat(state).doesNotExist();
    }
}
