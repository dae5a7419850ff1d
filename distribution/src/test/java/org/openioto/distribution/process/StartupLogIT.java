package org.openioto.distribution.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a person sees when starting {@code bin/openioto} and stopping it with SIGTERM. */
class StartupLogIT {

    @TempDir
    Path scratch;

    private Distribution dist;

    @BeforeEach
    void setUp() {
        dist = new Distribution(scratch);
    }

    @AfterEach
    void killLeftovers() {
        dist.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void logsStartClaimIdAndReadyThenStopsCleanlyOnSigterm() {
        Path state = scratch.resolve("state");
        OpenIotoProcess gateway = dist.startReady(state);

        List<String> log = gateway.stdout();
        assertThat(log.get(0)).as(gateway.describe()).isEqualTo(LogLines.starting());
        int enabling = indexOf(log, l -> l.startsWith("setup: info: Enabling services: "));
        int claim = indexOf(log, l -> LogLines.CLAIM.matcher(l).matches());
        int ready = log.indexOf(LogLines.ready());
        assertThat(enabling).as("Ioto's order: Starting, Enabling services, Claim ID; %s", gateway.describe())
                .isEqualTo(1).isLessThan(claim);
        assertThat(claim).as(gateway.describe()).isLessThan(ready);
        assertThat(log.get(enabling)).isEqualTo(
                "setup: info: Enabling services: db demo mqtt provision register serialize sync update url");
        assertThat(log).as("OpenIoto logs no error on a plain start").noneMatch(l -> l.contains(": error: "));
        assertThat(gateway.stderr()).isEmpty();

        assertThat(gateway.terminate(Distribution.STOP)).as(gateway.describe()).isEqualTo(Distribution.EXIT_ON_SIGTERM);
        assertThat(state.resolve("runtime/console.json5")).as("the console is closed on a clean stop").doesNotExist();
        assertThat(gateway.output()).doesNotContain("stop failed").doesNotContain("Exception");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void keepsClaimIdAcrossRestartsAndAFreshStateGetsAnother() throws Exception {
        Path state = scratch.resolve("state");
        String first = claimIdOfOneRun(state);
        assertThat(Files.readString(state.resolve("identity.json5")))
                .contains("id: '" + first + "'");

        assertThat(claimIdOfOneRun(state)).isEqualTo(first);
        assertThat(claimIdOfOneRun(scratch.resolve("other-state"))).isNotEqualTo(first);
    }

    private String claimIdOfOneRun(Path state) {
        OpenIotoProcess gateway = dist.start("--state", state.toString());
        Matcher claim = gateway.awaitMatch(LogLines.CLAIM.pattern(), Distribution.START);
        gateway.awaitLine(LogLines.ready()::equals, Distribution.START);
        assertThat(gateway.terminate(Distribution.STOP)).as(gateway.describe()).isEqualTo(Distribution.EXIT_ON_SIGTERM);
        return claim.group(1);
    }

    private static int indexOf(List<String> lines, Predicate<String> line) {
        for (int i = 0; i < lines.size(); i++) {
            if (line.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
