package org.openioto.mqtt.internal.queue;

import org.openioto.mqtt.internal.RecordingLogs;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.Qos;

/** Appending, reading, acknowledging and restarting, one thread at a time. */
class DurableQueueTest {

    @TempDir
    Path dir;

    private final RecordingLogs log = new RecordingLogs();

    private DurableQueue open() throws IOException {
        return openFlushingEvery(Duration.ofMillis(100));
    }

    private DurableQueue openFlushingEvery(Duration interval) throws IOException {
        return DurableQueue.open(QueueSettings.of(dir, 1000, 1 << 20, interval), log.logger("mqtt"), m -> { });
    }

    @Test
    void givesBackWhatWasAppendedInOrder() throws IOException {
        try (DurableQueue queue = open()) {
            long a = queue.append("a/1", "one".getBytes(UTF_8), Qos.AT_LEAST_ONCE, false);
            long b = queue.append("b/ü", "two".getBytes(UTF_8), Qos.EXACTLY_ONCE, true);
            long c = queue.append("c", new byte[0], Qos.AT_MOST_ONCE, false);

            assertThat(a).isLessThan(b).isLessThan(c);
            List<QueuedMessage> pending = queue.pending();
            assertThat(pending).extracting(QueuedMessage::id).containsExactly(a, b, c);
            assertThat(pending).extracting(QueuedMessage::topic).containsExactly("a/1", "b/ü", "c");
            assertThat(pending).extracting(QueuedMessage::qos).containsExactly(Qos.AT_LEAST_ONCE, Qos.EXACTLY_ONCE, Qos.AT_MOST_ONCE);
            assertThat(pending).extracting(QueuedMessage::retain).containsExactly(false, true, false);
            assertThat(new String(pending.get(1).payload(), UTF_8)).isEqualTo("two");
            assertThat(queue.next(0)).map(QueuedMessage::id).hasValue(a);
            assertThat(queue.next(a)).map(QueuedMessage::id).hasValue(b);
            assertThat(queue.next(c)).isEmpty();
            assertThat(queue.counts()).isEqualTo(new QueueCounts(3, 3 + 3 + 4 + 3 + 1, 3 / 1000.0, 0));
        }
    }

    @Test
    void writesAcksWithTheNextAppend() throws IOException {
        Path file = dir.resolve(LogFile.LOG);
        try (DurableQueue queue = openFlushingEvery(Duration.ofHours(1))) {
            long a = queue.append("a", new byte[1], Qos.AT_LEAST_ONCE, false);
            assertThat(queue.ack(a)).isTrue();
            assertThat(Replay.read(file).pending()).as("only gathered").containsOnlyKeys(a);

            long b = queue.append("b", new byte[1], Qos.AT_LEAST_ONCE, false);
            assertThat(Replay.read(file).pending()).as("written with the next message").containsOnlyKeys(b);
        }
    }

    @Test
    void writesAcksWithinTheFlushInterval() throws IOException {
        try (DurableQueue queue = openFlushingEvery(Duration.ofMillis(100))) {
            queue.ack(queue.append("a", new byte[1], Qos.AT_LEAST_ONCE, false));
            await().atMost(Duration.ofSeconds(5)).until(() -> Replay.read(dir.resolve(LogFile.LOG)).pending().isEmpty());
        }
    }

    @Test
    void writesTheGatheredAcksAtClose() throws IOException {
        try (DurableQueue queue = openFlushingEvery(Duration.ofHours(1))) {
            queue.ack(queue.append("a", new byte[1], Qos.AT_LEAST_ONCE, false));
        }
        assertThat(Replay.read(dir.resolve(LogFile.LOG)).pending()).isEmpty();
    }

    @Test
    void copiesThePayloadInAndOut() throws IOException {
        try (DurableQueue queue = open()) {
            byte[] payload = {1, 2, 3};
            queue.append("t", payload, Qos.AT_LEAST_ONCE, false);
            payload[0] = 9;
            queue.pending().get(0).payload()[1] = 9;

            assertThat(queue.pending().get(0).payload()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void restartReplaysExactlyTheUnacknowledgedMessagesInOrder() throws IOException {
        List<Long> ids;
        try (DurableQueue queue = open()) {
            ids = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> queue.append("t/" + i, ("p" + i).getBytes(UTF_8), Qos.of(1 + i % 2), i == 3)).toList();
            queue.append("volatile", new byte[1], Qos.AT_MOST_ONCE, false);
            assertThat(queue.ack(ids.get(2))).isTrue();
            assertThat(queue.ack(ids.get(5))).isTrue();
            assertThat(queue.ack(ids.get(9))).isTrue();
        }
        try (DurableQueue queue = open()) {
            List<QueuedMessage> pending = queue.pending();
            assertThat(pending).extracting(QueuedMessage::topic).containsExactly("t/0", "t/1", "t/3", "t/4", "t/6", "t/7", "t/8");
            assertThat(pending).extracting(QueuedMessage::id)
                    .containsExactly(ids.get(0), ids.get(1), ids.get(3), ids.get(4), ids.get(6), ids.get(7), ids.get(8));
            assertThat(pending).extracting(m -> new String(m.payload(), UTF_8)).containsExactly("p0", "p1", "p3", "p4", "p6", "p7", "p8");
            assertThat(pending).extracting(QueuedMessage::qos).containsExactly(Qos.AT_LEAST_ONCE, Qos.EXACTLY_ONCE,
                    Qos.EXACTLY_ONCE, Qos.AT_LEAST_ONCE, Qos.AT_LEAST_ONCE, Qos.EXACTLY_ONCE, Qos.AT_LEAST_ONCE);
            assertThat(pending).extracting(QueuedMessage::retain).containsExactly(false, false, true, false, false, false, false);
            assertThat(queue.append("after", new byte[1], Qos.AT_LEAST_ONCE, false)).isGreaterThan(ids.get(9));
            assertThat(log.at("warn")).isEmpty();
        }
    }

    @Test
    void keepsQos0OutOfTheLog() throws IOException {
        try (DurableQueue queue = open()) {
            queue.append("t", "volatile-payload".getBytes(UTF_8), Qos.AT_MOST_ONCE, false);
            queue.append("t", "durable-payload".getBytes(UTF_8), Qos.AT_LEAST_ONCE, false);
            String log = new String(Files.readAllBytes(dir.resolve(LogFile.LOG)), UTF_8);

            assertThat(log).contains("durable-payload").doesNotContain("volatile-payload");
        }
        try (DurableQueue queue = open()) {
            assertThat(queue.pending()).extracting(m -> new String(m.payload(), UTF_8)).containsExactly("durable-payload");
        }
    }

    @Test
    void ackAnswersWhetherTheMessageWasPending() throws IOException {
        try (DurableQueue queue = open()) {
            long durable = queue.append("t", new byte[1], Qos.AT_LEAST_ONCE, false);
            long quick = queue.append("t", new byte[1], Qos.AT_MOST_ONCE, false);

            assertThat(queue.ack(durable)).isTrue();
            assertThat(queue.ack(durable)).isFalse();
            assertThat(queue.ack(quick)).isTrue();
            assertThat(queue.ack(12345)).isFalse();
            assertThat(queue.pending()).isEmpty();
            assertThat(queue.counts()).isEqualTo(new QueueCounts(0, 0, 0, 0));
        }
    }

    @Test
    void awaitNextWaitsForTheNextAppend() throws Exception {
        try (DurableQueue queue = open()) {
            long first = queue.append("first", new byte[1], Qos.AT_LEAST_ONCE, false);
            CompletableFuture<Optional<QueuedMessage>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return queue.awaitNext(first, Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
            long second = queue.append("second", new byte[1], Qos.AT_MOST_ONCE, false);

            await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
            assertThat(waiting.get()).map(QueuedMessage::id).hasValue(second);
            assertThat(queue.awaitNext(0, Duration.ZERO)).map(QueuedMessage::id).hasValue(first);
            assertThat(queue.awaitNext(second, Duration.ofMillis(20))).isEmpty();
        }
    }

    @Test
    void closeWakesAWaitingSenderAndRefusesAppends() throws Exception {
        DurableQueue queue = open();
        CompletableFuture<Optional<QueuedMessage>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.awaitNext(0, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
        queue.close();

        await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
        assertThat(waiting.get()).isEmpty();
        assertThatThrownBy(() -> queue.append("t", new byte[1], Qos.AT_LEAST_ONCE, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        queue.close();
    }

    @Test
    void refusesASecondOpenOfTheSameDirectory() throws IOException {
        try (DurableQueue queue = open()) {
            assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("already open");
        }
        open().close();
    }

    @Test
    void refusesATopicTooLongForMqtt() throws IOException {
        try (DurableQueue queue = open()) {
            assertThatThrownBy(() -> queue.append("t".repeat(65_536), new byte[1], Qos.AT_LEAST_ONCE, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
            assertThat(queue.pending()).isEmpty();
        }
    }
}
