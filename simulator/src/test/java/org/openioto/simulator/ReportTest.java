package org.openioto.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void passesWithEveryChangeAckedUnderTheTarget() {
        Report r = report(1000, 1000, 60_000, 60_000, 0, 0, 99_999);
        assertThat(r.failures()).isEmpty();
        assertThat(r.passes()).isTrue();
        assertThat(r.table()).isEqualTo(String.join(System.lineSeparator(),
                "cloud         separate process, pid 42",
                "devices       asked 1000, provisioned 1000, connected 1000 (setup 50.0 s)",
                "load          1 Store change/s per device, warm-up 10 s, measured 60 s",
                "messages      sent 60000, acked 60000, lost 0, unsent (offline) 0",
                "ack latency   p50 1.0 ms, p90 1.0 ms, p99 100.0 ms, max 100.0 ms",
                "connections   drops 0, reconnects 0, failed attempts 3",
                "cloud RSS     400 MB",
                "result        PASS (p99 under 100 ms, nothing lost)", ""));
    }

    @Test
    void failsAtTheTargetNotOnlyAbove() {
        assertThat(report(1000, 1000, 60_000, 60_000, 0, 0, 100_000).failures())
                .containsExactly("ack p99 100.0 ms is not under 100 ms");
    }

    @Test
    void failsForEachThingThatWentWrong() {
        Report r = report(1000, 998, 59_000, 58_990, 10, 30, 1_000);
        assertThat(r.passes()).isFalse();
        assertThat(r.failures()).containsExactly("2 of 1000 devices never connected",
                "10 changes got no ack in time", "30 changes were due while their device was offline");
        assertThat(r.table()).contains("FAIL: 2 of 1000 devices never connected; 10 changes got no ack in time");
    }

    @Test
    void failsWhenNothingWasMeasured() {
        assertThat(report(5, 5, 0, 0, 0, 0, 0).failures()).containsExactly("no change was measured");
    }

    /** A report whose latencies are 1 ms except for the slowest 2 %, at {@code slowMicros}: the p99. */
    private static Report report(int asked, int connected, long sent, long acked, long lost, long unsent,
                                 long slowMicros) {
        Latencies l = new Latencies();
        for (int i = 0; i < 98; i++) {
            l.add(1_000);
        }
        l.add(slowMicros);
        l.add(slowMicros);
        return new Report("separate process, pid 42", asked, connected, connected, 50.0, 1.0, 10, 60, sent, acked,
                lost, unsent, l.summary(), 0, 0, 3, OptionalLong.of(400 * 1024), 100.0);
    }
}
