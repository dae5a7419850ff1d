package org.openioto.mqtt.internal.queue;

import org.openioto.mqtt.internal.RecordingLogs;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.Qos;

/** Opening a log that a crash or the device left torn or corrupt: the records before the damage survive. */
class ReplayTest {

    @TempDir
    Path dir;

    private RecordingLogs log = new RecordingLogs();

    private DurableQueue open(Path queueDir) throws IOException {
        return DurableQueue.open(QueueSettings.of(queueDir, 1000, 1 << 20, Duration.ofMillis(100)), log.logger("mqtt"), m -> { });
    }

    private static List<String> topics(DurableQueue queue) {
        return queue.pending().stream().map(QueuedMessage::topic).toList();
    }

    /** A log holding messages m0 to m4 (payloads of 20 bytes); answers its bytes. */
    private byte[] fiveMessages() throws IOException {
        Path source = dir.resolve("source");
        try (DurableQueue queue = open(source)) {
            for (int i = 0; i < 5; i++) {
                queue.append("m" + i, new byte[20], Qos.AT_LEAST_ONCE, false);
            }
        }
        return Files.readAllBytes(source.resolve(LogFile.LOG));
    }

    /** Where record {@code index} of {@link #fiveMessages} starts. */
    private static int recordStart(int index) {
        return RecordFormat.HEADER_SIZE + index * (RecordFormat.FRAME_SIZE + RecordFormat.MESSAGE_HEAD + 2 + 20);
    }

    private Path logDir(String name, byte[] content) throws IOException {
        Path queueDir = Files.createDirectories(dir.resolve(name));
        Files.write(queueDir.resolve(LogFile.LOG), content);
        return queueDir;
    }

    @Test
    void cutsATornLastRecordAtEveryLengthAndKeepsAllBefore() throws IOException {
        byte[] full = fiveMessages();
        int last = recordStart(4);
        assertThat(recordStart(5)).isEqualTo(full.length);
        for (int cut = last; cut < full.length; cut++) {
            log = new RecordingLogs();
            Path queueDir = logDir("cut" + cut, Arrays.copyOf(full, cut));
            try (DurableQueue queue = open(queueDir)) {
                assertThat(topics(queue)).as("cut at %d", cut).containsExactly("m0", "m1", "m2", "m3");
                queue.append("after", new byte[1], Qos.AT_LEAST_ONCE, false);
            }
            if (cut == last) {
                assertThat(log.at("warn")).isEmpty();
            } else {
                assertThat(log.at("warn")).singleElement().asString().contains("at offset " + last + " of " + cut + ": a torn record")
                        .contains("kept the 4 pending messages");
                assertThat(Files.readAllBytes(queueDir.resolve(LogFile.DISCARDED))).isEqualTo(Arrays.copyOfRange(full, last, cut));
            }
            log = new RecordingLogs();
            try (DurableQueue queue = open(queueDir)) {
                assertThat(topics(queue)).as("reopened after a cut at %d", cut).containsExactly("m0", "m1", "m2", "m3", "after");
                assertThat(log.at("warn")).isEmpty();
            }
        }
    }

    /**
     * A byte changed anywhere in the middle record: the two before it survive, it and the two after
     * it are cut off (and kept in the discarded file), because once a record is bad its length
     * cannot be trusted, so neither can the place where the next record would start.
     */
    @Test
    void cutsAtAFlippedByteInTheMiddleRecordAndKeepsAllBefore() throws IOException {
        byte[] full = fiveMessages();
        int middle = recordStart(2);
        for (int at = middle; at < recordStart(3); at++) {
            log = new RecordingLogs();
            byte[] damaged = full.clone();
            damaged[at] ^= 0x5A;
            Path queueDir = logDir("flip" + at, damaged);
            try (DurableQueue queue = open(queueDir)) {
                assertThat(topics(queue)).as("flipped at %d", at).containsExactly("m0", "m1");
            }
            assertThat(log.at("warn")).singleElement().asString().contains("at offset " + middle + " of " + full.length);
            assertThat(Files.readAllBytes(queueDir.resolve(LogFile.DISCARDED)))
                    .isEqualTo(Arrays.copyOfRange(damaged, middle, full.length));
        }
    }

    @Test
    void aTornAckLeavesItsMessagePending() throws IOException {
        Path queueDir = dir.resolve("ack");
        try (DurableQueue queue = open(queueDir)) {
            queue.ack(queue.append("a", new byte[1], Qos.AT_LEAST_ONCE, false));
            queue.append("b", new byte[1], Qos.AT_LEAST_ONCE, false);
            queue.ack(queue.append("c", new byte[1], Qos.AT_LEAST_ONCE, false));
        }
        byte[] full = Files.readAllBytes(queueDir.resolve(LogFile.LOG));
        Files.write(queueDir.resolve(LogFile.LOG), Arrays.copyOf(full, full.length - 1));
        try (DurableQueue queue = open(queueDir)) {
            assertThat(topics(queue)).containsExactly("b", "c");
        }
    }

    @Test
    void setsALogWithABadHeaderAsideAndStartsEmpty() throws IOException {
        byte[] damaged = fiveMessages();
        damaged[5] ^= 1;
        Path queueDir = logDir("header", damaged);
        try (DurableQueue queue = open(queueDir)) {
            assertThat(queue.pending()).isEmpty();
            queue.append("new", new byte[1], Qos.AT_LEAST_ONCE, false);
        }
        assertThat(log.at("warn")).singleElement().asString().contains("at offset 0 of " + damaged.length + ": not a valid queue header");
        assertThat(Files.readAllBytes(queueDir.resolve(LogFile.DISCARDED))).isEqualTo(damaged);
        try (DurableQueue queue = open(queueDir)) {
            assertThat(topics(queue)).containsExactly("new");
        }
    }

    @Test
    void startsEmptyFromAnEmptyOrShortFile() throws IOException {
        try (DurableQueue queue = open(logDir("empty", new byte[0]))) {
            assertThat(queue.pending()).isEmpty();
            assertThat(log.at("warn")).isEmpty();
        }
        try (DurableQueue queue = open(logDir("short", new byte[7]))) {
            assertThat(queue.pending()).isEmpty();
            assertThat(log.at("warn")).singleElement().asString().contains("shorter than the header");
        }
    }

    /** Ids only grow in a log; a smaller one can only be stale bytes from before, never a message. */
    @Test
    void stopsAtAnIdThatDoesNotIncrease() throws IOException {
        RecordFormat format = new RecordFormat();
        ByteBuffer b = ByteBuffer.allocate(512);
        format.putHeader(b, 1);
        format.putAck(b, 99);
        for (long id : new long[] {5, 7, 3, 9}) {
            format.putMessage(b, QueuedMessage.read(id, ("id" + id).getBytes(UTF_8), new byte[0], Qos.AT_LEAST_ONCE, false));
        }
        try (DurableQueue queue = open(logDir("ids", Arrays.copyOf(b.array(), b.position())))) {
            assertThat(topics(queue)).containsExactly("id5", "id7");
            assertThat(queue.append("next", new byte[0], Qos.AT_LEAST_ONCE, false)).isEqualTo(8);
        }
        assertThat(log.at("warn")).singleElement().asString().contains("id 3 after 7");
    }

    @Test
    void goesOnFromTheHeadersIdWhenAllIsAcknowledged() throws IOException {
        Path queueDir = dir.resolve("ids");
        long last;
        try (DurableQueue queue = open(queueDir)) {
            last = IntStream.range(0, 3).mapToLong(i -> queue.append("m", new byte[1], Qos.AT_LEAST_ONCE, false)).max().orElseThrow();
            queue.pending().forEach(m -> queue.ack(m.id()));
            // restarted by the flusher once idle with nothing pending
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(queueDir.resolve(LogFile.LOG)) == RecordFormat.HEADER_SIZE);
        }
        try (DurableQueue queue = open(queueDir)) {
            assertThat(queue.append("m", new byte[1], Qos.AT_LEAST_ONCE, false)).isEqualTo(last + 1);
        }
    }
}
