package org.openioto.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {

    @Test
    void claimIdsUseIotosAlphabetMostSignificantFirst() {
        assertThat(Simulation.claimId(0, 6)).isEqualTo("000000");
        assertThat(Simulation.claimId(31, 6)).isEqualTo("00000Z");
        assertThat(Simulation.claimId(32, 6)).isEqualTo("000010");
        assertThat(Simulation.claimId(18, 2)).as("no I, L, O or U").isEqualTo("0J");
        assertThat(Simulation.claimId(4 + 32 * 3, 4) + Simulation.claimId(999, 6)).hasSize(10).matches("[0-9A-Z]{10}");
    }

    @Test
    void rssIsReadFromAProcStatusFile(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  389120 kB\nThreads:\t40\n");
        assertThat(CloudUnderTest.rssKb(status)).hasValue(389_120);
        assertThat(CloudUnderTest.rssKb(dir.resolve("missing"))).isEmpty();
    }
}
