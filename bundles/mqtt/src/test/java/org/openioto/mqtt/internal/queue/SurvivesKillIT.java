package org.openioto.mqtt.internal.queue;

import org.openioto.mqtt.internal.RecordingLogs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill -9 of a process appending as fast as it can: every message whose append had
 * returned (the child printed its id) is pending after reopening, unless its ack had returned
 * and a later append too (ACKs are written with the next append); none twice; in order.
 */
class SurvivesKillIT {

    private static final int KILL_AFTER = 30_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void keepsEveryMessageWhoseAppendReturned() throws Exception {
        Path queueDir = dir.resolve("queue");
        Path childOut = dir.resolve("child.out");
        Path childErr = dir.resolve("child.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // output to a file, not a pipe: what the child wrote is all there after the kill, and a
        // pipe read while the JDK drains it at process exit can fail with "Stream closed"
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AppendingChild.class.getName(),
                queueDir.toString(), "100000000").redirectOutput(childOut.toFile()).redirectError(childErr.toFile()).start();

        await().atMost(Duration.ofSeconds(60)).until(() -> lines(childOut).size() >= KILL_AFTER || !child.isAlive());
        assertThat(child.isAlive()).as("child alive; its stderr: %s", Files.readString(childErr)).isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        // the last line may be cut short by the kill; every whole one counts
        Map<Long, Integer> appended = new LinkedHashMap<>();
        Set<Long> acked = new HashSet<>();
        for (String line : lines(childOut)) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals("A")) {
                appended.put(Long.parseLong(f[1]), Integer.parseInt(f[2]));
            } else if (f.length == 2 && f[0].equals("K") && !f[1].isEmpty()) {
                acked.add(Long.parseLong(f[1]));
            }
        }
        assertThat(appended).hasSizeGreaterThanOrEqualTo(KILL_AFTER / 2);
        long lastPrinted = List.copyOf(appended.keySet()).get(appended.size() - 1);
        // the child acknowledges every third message; the ACK of the last one printed goes out
        // with the next append, which the kill may have cut off, so that one may come back
        boolean lastUncertain = appended.get(lastPrinted) % 3 == 0;
        Set<Long> written = new HashSet<>(acked);
        written.remove(lastPrinted);

        RecordingLogs log = new RecordingLogs();
        try (DurableQueue queue = DurableQueue.open(QueueSettings.of(queueDir, 100_000_000, 4L << 30, Duration.ofMillis(100)),
                log.logger("mqtt"), m -> { })) {
            List<QueuedMessage> pending = queue.pending();
            List<Long> ids = pending.stream().map(QueuedMessage::id).toList();
            assertThat(ids).as("in order, none twice").isSorted().doesNotHaveDuplicates();

            List<Long> expected = new ArrayList<>(appended.keySet());
            expected.removeAll(acked);
            if (lastUncertain) {
                expected.remove(lastPrinted);
            }
            assertThat(ids).as("every printed id without a printed ack").containsAll(expected);
            assertThat(ids).as("no printed ack followed by a printed append").doesNotContainAnyElementsOf(written);
            List<Long> unprinted = ids.stream().filter(id -> !appended.containsKey(id)).toList();
            assertThat(unprinted).as("appended but not yet printed: at most the one after the last printed")
                    .allMatch(id -> id == lastPrinted + 1).hasSizeLessThanOrEqualTo(1);
            for (QueuedMessage m : pending) {
                int n = appended.getOrDefault(m.id(), appended.get(lastPrinted) + 1);
                assertThat(m.topic()).isEqualTo("kill/" + n);
                assertThat(m.payload()).isEqualTo(AppendingChild.payload(n));
            }
            int lastBack = lastUncertain && ids.contains(lastPrinted) ? 1 : 0;
            assertThat(pending).hasSize(expected.size() + unprinted.size() + lastBack);
        }
        System.out.printf("kill -9 after %d printed appends: %d pending, log lines: %s%n", appended.size(),
                appended.size() - acked.size(), log.lines);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
