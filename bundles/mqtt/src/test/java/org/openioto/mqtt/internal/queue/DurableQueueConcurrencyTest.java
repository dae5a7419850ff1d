package org.openioto.mqtt.internal.queue;

import org.openioto.mqtt.internal.RecordingLogs;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.Qos;

/**
 * Several threads append while one sender reads with {@code awaitNext} and acknowledges every
 * other message, with compaction running often: the sender sees every message once, in each
 * thread's order, and exactly the unacknowledged ones stay, before and after a restart.
 */
class DurableQueueConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 5_000;

    @TempDir
    Path dir;

    private final RecordingLogs log = new RecordingLogs();

    private DurableQueue open() throws IOException {
        // compaction after 64 KiB of acknowledged records: dozens of times in this test
        return DurableQueue.open(new QueueSettings(dir, 100_000, 100 << 20, Duration.ofMillis(5), 64 << 10), log.logger("mqtt"), m -> { });
    }

    /** "thread:sequence" of each message, in queue order. */
    private static List<String> labels(List<QueuedMessage> messages) {
        return messages.stream().map(m -> new String(m.payload(), UTF_8)).toList();
    }

    @Test
    @Timeout(120)
    void sendsEveryMessageOnceAndKeepsExactlyTheUnacknowledged() throws Exception {
        List<String> sent = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try (DurableQueue queue = open()) {
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                appenders.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        Qos qos = i % 7 == 0 ? Qos.AT_MOST_ONCE : Qos.AT_LEAST_ONCE;
                        queue.append("t/" + thread, (thread + ":" + i).getBytes(UTF_8), qos, false);
                    }
                }));
            }
            AtomicBoolean appending = new AtomicBoolean(true);
            Future<?> sender = pool.submit(() -> {
                long last = 0;
                while (true) {
                    Optional<QueuedMessage> next = queue.awaitNext(last, Duration.ofMillis(50));
                    if (next.isEmpty()) {
                        if (!appending.get() && queue.next(last).isEmpty()) {
                            return null;
                        }
                        continue;
                    }
                    QueuedMessage m = next.get();
                    String label = new String(m.payload(), UTF_8);
                    sent.add(label);
                    if (Integer.parseInt(label.substring(label.indexOf(':') + 1)) % 2 == 0) {
                        assertThat(queue.ack(m.id())).isTrue();
                    }
                    last = m.id();
                }
            });
            for (Future<?> appender : appenders) {
                appender.get(60, TimeUnit.SECONDS);
            }
            appending.set(false);
            sender.get(60, TimeUnit.SECONDS);

            assertThat(sent).hasSize(THREADS * PER_THREAD).doesNotHaveDuplicates();
            for (int t = 0; t < THREADS; t++) {
                assertThat(inThread(sent, t)).containsExactlyElementsOf(expected(t, 1));
            }
            assertPendingAreTheOddOnes(queue, true);
            // compacted: without it the log would hold every record and ACK written, 677 KB
            long live = queue.pending().stream().filter(QueuedMessage::durable).mapToLong(RecordFormat::recordSize).sum();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.size(dir.resolve(LogFile.LOG)) < RecordFormat.HEADER_SIZE + live + Math.max(64 << 10, live));
        } finally {
            pool.shutdownNow();
        }
        try (DurableQueue queue = open()) {
            assertPendingAreTheOddOnes(queue, false);
        }
        assertThat(log.at("warn")).isEmpty();
    }

    private static void assertPendingAreTheOddOnes(DurableQueue queue, boolean withQos0) {
        List<String> pending = labels(queue.pending());
        for (int t = 0; t < THREADS; t++) {
            List<String> expected = expected(t, 2).stream()
                    .filter(l -> withQos0 || Integer.parseInt(l.substring(l.indexOf(':') + 1)) % 7 != 0).toList();
            assertThat(inThread(pending, t)).containsExactlyElementsOf(expected);
        }
        assertThat(queue.counts().count()).isEqualTo(pending.size());
    }

    private static List<String> inThread(List<String> labels, int thread) {
        return labels.stream().filter(l -> l.startsWith(thread + ":")).toList();
    }

    /** The labels of {@code thread} in order, every one ({@code step} 1) or the odd ones (2). */
    private static List<String> expected(int thread, int step) {
        List<String> labels = new ArrayList<>();
        for (int i = step - 1; i < PER_THREAD; i += step) {
            labels.add(thread + ":" + i);
        }
        return labels;
    }
}
