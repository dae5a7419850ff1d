package org.openioto.mqtt.internal.queue;

import org.openioto.mqtt.internal.RecordingLogs;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.MqttException;
import org.openioto.mqtt.Qos;

/** The count and byte limits: QoS 0 is dropped first, QoS 1 and 2 are refused and never dropped. */
class DurableQueueBoundsTest {

    @TempDir
    Path dir;

    private final RecordingLogs log = new RecordingLogs();
    private final List<QueuedMessage> dropped = new CopyOnWriteArrayList<>();

    private DurableQueue open(long maxCount, long maxBytes) throws IOException {
        return DurableQueue.open(QueueSettings.of(dir, maxCount, maxBytes, Duration.ofMillis(100)), log.logger("mqtt"), dropped::add);
    }

    /** Appends a message whose topic and payload together are {@code size} bytes, topic "t". */
    private static long append(DurableQueue queue, String name, Qos qos, int size) {
        byte[] payload = new byte[size - 1];
        byte[] label = name.getBytes(UTF_8);
        System.arraycopy(label, 0, payload, 0, label.length);
        return queue.append("t", payload, qos, false);
    }

    private static List<String> names(DurableQueue queue) {
        return queue.pending().stream().map(m -> new String(m.payload(), UTF_8).trim().replace("\0", "")).toList();
    }

    @Test
    void refusesQos1AtTheCountLimitAndKeepsEveryAcceptedOne() throws IOException {
        try (DurableQueue queue = open(3, 1000)) {
            long a = append(queue, "a", Qos.AT_LEAST_ONCE, 10);
            append(queue, "b", Qos.EXACTLY_ONCE, 10);
            append(queue, "c", Qos.AT_LEAST_ONCE, 10);

            assertThatThrownBy(() -> append(queue, "d", Qos.AT_LEAST_ONCE, 10)).isInstanceOf(MqttException.class)
                    .hasMessage("QoS 1 message to 't' refused: the queue is full at its message limit of 3 unacknowledged messages");
            assertThatThrownBy(() -> append(queue, "d", Qos.AT_MOST_ONCE, 10)).isInstanceOf(MqttException.class)
                    .hasMessageContaining("QoS 0 message").hasMessageContaining("message limit of 3");
            assertThat(names(queue)).containsExactly("a", "b", "c");

            queue.ack(a);
            append(queue, "e", Qos.AT_LEAST_ONCE, 10);
            assertThat(names(queue)).containsExactly("b", "c", "e");
        }
        try (DurableQueue queue = open(3, 1000)) {
            assertThat(names(queue)).containsExactly("b", "c", "e");
        }
        assertThat(dropped).isEmpty();
    }

    @Test
    void refusesQos1AtTheByteLimit() throws IOException {
        try (DurableQueue queue = open(100, 100)) {
            append(queue, "a", Qos.AT_LEAST_ONCE, 40);
            append(queue, "b", Qos.AT_LEAST_ONCE, 40);

            assertThatThrownBy(() -> append(queue, "c", Qos.AT_LEAST_ONCE, 21)).isInstanceOf(MqttException.class)
                    .hasMessage("QoS 1 message to 't' refused: the queue is full at its byte limit of 100 (80 bytes held, 21 more needed)");
            append(queue, "c", Qos.AT_LEAST_ONCE, 20);
            assertThat(names(queue)).containsExactly("a", "b", "c");
            assertThat(queue.counts()).isEqualTo(new QueueCounts(3, 100, 1.0, 0));
        }
    }

    @Test
    void refusesAMessageLargerThanTheWholeQueue() throws IOException {
        try (DurableQueue queue = open(100, 100)) {
            assertThatThrownBy(() -> append(queue, "a", Qos.EXACTLY_ONCE, 101)).isInstanceOf(MqttException.class)
                    .hasMessage("QoS 2 message to 't' refused: its 101 bytes of topic and payload are more than the queue holds "
                            + "(byte limit 100)");
            assertThat(queue.pending()).isEmpty();
        }
    }

    @Test
    void dropsTheOldestQos0FirstAndThenRefusesQos1() throws IOException {
        try (DurableQueue queue = open(3, 1000)) {
            long a = append(queue, "a", Qos.AT_MOST_ONCE, 10);
            append(queue, "b", Qos.AT_LEAST_ONCE, 10);
            long c = append(queue, "c", Qos.AT_MOST_ONCE, 10);

            append(queue, "d", Qos.AT_LEAST_ONCE, 10);
            assertThat(names(queue)).containsExactly("b", "c", "d");
            append(queue, "e", Qos.EXACTLY_ONCE, 10);
            assertThat(names(queue)).containsExactly("b", "d", "e");
            assertThatThrownBy(() -> append(queue, "f", Qos.AT_LEAST_ONCE, 10)).isInstanceOf(MqttException.class)
                    .hasMessageContaining("message limit of 3");

            assertThat(names(queue)).containsExactly("b", "d", "e");
            assertThat(dropped).extracting(QueuedMessage::id).containsExactly(a, c);
            assertThat(queue.counts().dropped()).isEqualTo(2);
            assertThat(queue.ack(a)).isFalse();
        }
    }

    @Test
    void aNewQos0DropsTheOldestQos0() throws IOException {
        try (DurableQueue queue = open(2, 1000)) {
            append(queue, "a", Qos.AT_MOST_ONCE, 10);
            append(queue, "b", Qos.AT_MOST_ONCE, 10);
            append(queue, "c", Qos.AT_MOST_ONCE, 10);

            assertThat(names(queue)).containsExactly("b", "c");
            assertThat(queue.counts().dropped()).isEqualTo(1);
        }
    }

    @Test
    void dropsNoQos0WhenThatWouldNotMakeEnoughRoom() throws IOException {
        try (DurableQueue queue = open(100, 100)) {
            append(queue, "a", Qos.AT_MOST_ONCE, 10);
            append(queue, "b", Qos.AT_LEAST_ONCE, 80);

            assertThatThrownBy(() -> append(queue, "c", Qos.AT_LEAST_ONCE, 30)).isInstanceOf(MqttException.class)
                    .hasMessage("QoS 1 message to 't' refused: the queue is full at its byte limit of 100 (90 bytes held, 30 more "
                            + "needed even after dropping all 1 QoS 0 messages)");
            assertThat(names(queue)).containsExactly("a", "b");
            assertThat(dropped).isEmpty();
        }
    }

    @Test
    void warnsOnceAt80PercentAndAgainOnlyAfterFallingBelow70() throws IOException {
        try (DurableQueue queue = open(10, 1000)) {
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 7; i++) {
                ids.add(append(queue, "m" + i, Qos.AT_LEAST_ONCE, 10));
            }
            assertThat(log.at("warn")).isEmpty();
            ids.add(append(queue, "m7", Qos.AT_LEAST_ONCE, 10));
            assertThat(log.at("warn")).containsExactly("MQTT queue is 80% full (8 of 10 messages, 80 of 1000 bytes); when full, "
                    + "QoS 0 messages are dropped and QoS 1 and 2 refused");

            append(queue, "m8", Qos.AT_LEAST_ONCE, 10);
            queue.ack(ids.get(0));
            append(queue, "m9", Qos.AT_LEAST_ONCE, 10);
            assertThat(log.at("warn")).hasSize(1);

            queue.ack(ids.get(1));
            queue.ack(ids.get(2));
            append(queue, "m10", Qos.AT_LEAST_ONCE, 10);
            assertThat(log.at("warn")).as("back at 80% after falling to 70%, not below").hasSize(1);
            queue.ack(ids.get(3));
            queue.ack(ids.get(4));
            queue.ack(ids.get(5));
            append(queue, "m11", Qos.AT_LEAST_ONCE, 10);
            append(queue, "m12", Qos.AT_LEAST_ONCE, 10);
            assertThat(log.at("warn")).as("fell to 50%, back at 70%").hasSize(1);
            append(queue, "m13", Qos.AT_LEAST_ONCE, 10);
            assertThat(log.at("warn")).hasSize(2);
        }
    }

    @Test
    void warnsAtOpenWhenLoweredLimitsAreAlreadyPassed() throws IOException {
        try (DurableQueue queue = open(10, 1000)) {
            for (int i = 0; i < 5; i++) {
                append(queue, "m" + i, Qos.AT_LEAST_ONCE, 10);
            }
        }
        try (DurableQueue queue = open(4, 1000)) {
            assertThat(names(queue)).hasSize(5);
            assertThat(queue.counts().fill()).isEqualTo(1.25);
            assertThat(log.at("warn")).singleElement().asString().startsWith("MQTT queue is 125% full");
            assertThatThrownBy(() -> append(queue, "m5", Qos.AT_LEAST_ONCE, 10)).isInstanceOf(MqttException.class);
        }
    }
}
