package org.openioto.mqtt.internal.queue;

import org.openioto.mqtt.internal.RecordingLogs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openioto.mqtt.Qos;

/** Rewriting the log to its live records: when it happens, and that a crash at any step loses nothing. */
class CompactionTest {

    /** Bytes a message of {@link #append} takes in the log: a 2-byte topic and a 20-byte payload. */
    private static final int RECORD = RecordFormat.FRAME_SIZE + RecordFormat.MESSAGE_HEAD + 2 + 20;

    @TempDir
    Path dir;

    private final RecordingLogs log = new RecordingLogs();

    private DurableQueue open(long compactAfter) throws IOException {
        return DurableQueue.open(new QueueSettings(dir, 1000, 1 << 20, Duration.ofMillis(10), compactAfter), log.logger("mqtt"), m -> { });
    }

    private static long append(DurableQueue queue, int i) {
        return queue.append(String.format("%02d", i), new byte[20], Qos.AT_LEAST_ONCE, false);
    }

    private static List<String> topics(DurableQueue queue) {
        return queue.pending().stream().map(QueuedMessage::topic).toList();
    }

    private long logSize() throws IOException {
        return Files.size(dir.resolve(LogFile.LOG));
    }

    /** Appends messages 0 to {@code count - 1} and acknowledges those {@code acked} picks, with compaction off. */
    private void prepare(int count, IntPredicate acked) throws IOException {
        try (DurableQueue queue = open(Long.MAX_VALUE)) {
            for (int i = 0; i < count; i++) {
                long id = append(queue, i);
                if (acked.test(i)) {
                    queue.ack(id);
                }
            }
        }
    }

    @Test
    void compactsOnceAcknowledgedRecordsPassTheThreshold() throws IOException {
        prepare(100, i -> i % 10 != 0);
        // 90 acknowledged messages and their ACKs: 5,490 bytes, more than 2,000 and than the 10 live ones
        try (DurableQueue queue = open(2000)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> logSize() == RecordFormat.HEADER_SIZE + 10L * RECORD);
            append(queue, 100);
        }
        try (DurableQueue queue = open(2000)) {
            assertThat(topics(queue)).containsExactly("00", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100");
        }
        assertThat(dir.resolve(LogFile.COMPACT)).doesNotExist();
        assertThat(log.at("warn")).isEmpty();
    }

    @Test
    void waitsForAcknowledgedRecordsToPassTheThreshold() throws IOException {
        prepare(20, i -> i < 10);
        long size = RecordFormat.HEADER_SIZE + 20L * RECORD + 10L * RecordFormat.ACK_SIZE;
        // 10 acknowledged records and ACKs: 610 bytes, more than the 440 live, fewer than 611
        try (DurableQueue queue = open(611)) {
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> logSize() == size);
            queue.ack(queue.next(0).orElseThrow().id());
            await().atMost(Duration.ofSeconds(10)).until(() -> logSize() == RecordFormat.HEADER_SIZE + 9L * RECORD);
        }
    }

    @Test
    void waitsForAcknowledgedRecordsToPassTheLiveOnes() throws IOException {
        prepare(100, i -> i % 10 == 0);
        try (DurableQueue queue = open(0)) {
            for (int i = 0; i < 31; i++) {
                queue.ack(queue.next(0).orElseThrow().id());
            }
            // 41 acknowledged records and ACKs: 2,501 bytes, fewer than the 59 live ones (2,596)
            long size = RecordFormat.HEADER_SIZE + 100L * RECORD + 41L * RecordFormat.ACK_SIZE;
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> logSize() == size);
            queue.ack(queue.next(0).orElseThrow().id());
            // 42: 2,562 bytes, more than the 58 live ones (2,552)
            await().atMost(Duration.ofSeconds(10)).until(() -> logSize() == RecordFormat.HEADER_SIZE + 58L * RECORD);
        }
    }

    @Test
    void restartsTheLogOnceNothingIsPending() throws IOException {
        try (DurableQueue queue = open(Long.MAX_VALUE)) {
            queue.ack(append(queue, 1));
            queue.ack(append(queue, 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> logSize() == RecordFormat.HEADER_SIZE);
            append(queue, 3);
        }
        try (DurableQueue queue = open(Long.MAX_VALUE)) {
            assertThat(topics(queue)).containsExactly("03");
        }
    }

    /** Where a crash stops {@link LogFile#replace}. */
    enum Crash {
        /** While writing the new file: it is short. */
        WHILE_WRITING,
        /** The new file is written and forced but not renamed. */
        BEFORE_RENAME,
        /** Renamed over the log (and the directory forced), before the queue switched to it. */
        AFTER_RENAME
    }

    @ParameterizedTest
    @EnumSource(Crash.class)
    void losesNothingWhereverACrashStopsCompaction(Crash crash) throws IOException {
        List<QueuedMessage> live;
        try (DurableQueue queue = open(Long.MAX_VALUE)) {
            for (int i = 0; i < 10; i++) {
                long id = append(queue, i);
                if (i % 2 == 1) {
                    queue.ack(id);
                }
            }
            live = queue.pending();
        }
        byte[] before = Files.readAllBytes(dir.resolve(LogFile.LOG));

        // the steps of LogFile.replace, as far as the crash lets them go
        try (FileChannel compacted = LogFile.writeCompacted(dir, 11, live)) {
            if (crash == Crash.WHILE_WRITING) {
                compacted.truncate(compacted.size() / 2);
            }
        }
        if (crash == Crash.AFTER_RENAME) {
            LogFile.install(dir);
        }

        try (DurableQueue queue = open(Long.MAX_VALUE)) {
            assertThat(topics(queue)).containsExactly("00", "02", "04", "06", "08");
            assertThat(dir.resolve(LogFile.COMPACT)).doesNotExist();
            if (crash == Crash.AFTER_RENAME) {
                assertThat(logSize()).isEqualTo(RecordFormat.HEADER_SIZE + 5L * RECORD);
            } else {
                assertThat(Files.readAllBytes(dir.resolve(LogFile.LOG))).isEqualTo(before);
            }
            assertThat(append(queue, 10)).isEqualTo(11);
        }
        try (DurableQueue queue = open(Long.MAX_VALUE)) {
            assertThat(topics(queue)).containsExactly("00", "02", "04", "06", "08", "10");
        }
        assertThat(log.at("warn")).isEmpty();
    }
}
