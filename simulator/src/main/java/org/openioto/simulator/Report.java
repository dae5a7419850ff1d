package org.openioto.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The outcome of a run and whether it passes: every device connected, every measured change
 * published and acked, and the ack latency p99 under the target.
 *
 * @param setupSeconds how long provisioning and connecting took
 * @param latencies ack latencies of the measured changes, in microseconds
 * @param drops connections closed after the device had subscribed
 * @param reconnects drops followed by a new connection and subscription
 * @param failedAttempts connection attempts that failed or closed before the device subscribed
 * @param rssKb the cloud process's resident memory at the end of the run, if known
 */
record Report(String cloud, int asked, int provisioned, int connected, double setupSeconds, double rate,
              int warmupSeconds, int durationSeconds, long sent, long acked, long lost, long unsent,
              Latencies.Summary latencies, long drops, long reconnects, long failedAttempts, OptionalLong rssKb,
              double p99TargetMillis) {

    /** Why the run fails; empty if it passes. */
    List<String> failures() {
        List<String> f = new ArrayList<>();
        if (connected < asked) {
            f.add((asked - connected) + " of " + asked + " devices never connected");
        }
        if (sent == 0) {
            f.add("no change was measured");
        }
        if (lost > 0) {
            f.add(lost + " changes got no ack in time");
        }
        if (unsent > 0) {
            f.add(unsent + " changes were due while their device was offline");
        }
        if (millis(latencies.percentile(99)) >= p99TargetMillis) {
            f.add(String.format(Locale.ROOT, "ack p99 %.1f ms is not under %s ms", millis(latencies.percentile(99)),
                    number(p99TargetMillis)));
        }
        return f;
    }

    boolean passes() {
        return failures().isEmpty();
    }

    /** The report as a small aligned table. */
    String table() {
        StringBuilder b = new StringBuilder();
        row(b, "cloud", cloud);
        row(b, "devices", "asked " + asked + ", provisioned " + provisioned + ", connected " + connected
                + String.format(Locale.ROOT, " (setup %.1f s)", setupSeconds));
        row(b, "load", number(rate) + " Store change/s per device, warm-up " + warmupSeconds + " s, measured "
                + durationSeconds + " s");
        row(b, "messages", "sent " + sent + ", acked " + acked + ", lost " + lost + ", unsent (offline) " + unsent);
        row(b, "ack latency", String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                millis(latencies.percentile(50)), millis(latencies.percentile(90)), millis(latencies.percentile(99)),
                millis(latencies.max())));
        row(b, "connections", "drops " + drops + ", reconnects " + reconnects + ", failed attempts " + failedAttempts);
        row(b, "cloud RSS", rssKb.isPresent() ? (rssKb.getAsLong() / 1024) + " MB" : "unknown");
        List<String> failures = failures();
        row(b, "result", failures.isEmpty()
                ? "PASS (p99 under " + number(p99TargetMillis) + " ms, nothing lost)"
                : "FAIL: " + String.join("; ", failures));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append(String.format(Locale.ROOT, "%-13s %s%n", name, value));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
