package org.openioto.mqtt.internal.queue;

import org.openioto.mqtt.internal.RecordingLogs;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.openioto.mqtt.Qos;

/**
 * The process {@link SurvivesKillIT} kills: appends 100-byte QoS 1 messages to the queue in
 * {@code args[0]} as fast as it can, up to {@code args[1]}, and acknowledges every third one.
 * Prints {@code A <id> <n>} once append returned, {@code K <id>} once ack returned.
 */
public final class AppendingChild {

    private AppendingChild() {
    }

    public static void main(String[] args) throws Exception {
        QueueSettings settings = QueueSettings.of(Path.of(args[0]), 100_000_000, 4L << 30, Duration.ofMillis(100));
        int count = Integer.parseInt(args[1]);
        PrintStream out = System.out;
        try (DurableQueue queue = DurableQueue.open(settings, new RecordingLogs().logger("mqtt"), m -> { })) {
            for (int n = 0; n < count; n++) {
                long id = queue.append("kill/" + n, payload(n), Qos.AT_LEAST_ONCE, false);
                out.println("A " + id + " " + n);
                if (n % 3 == 0) {
                    queue.ack(id);
                    out.println("K " + id);
                }
                // every line out at once: the parent sees each id the moment append has returned
                out.flush();
            }
        }
        out.println("DONE");
    }

    /** 100 bytes: the number, then filler. */
    static byte[] payload(int n) {
        byte[] payload = new byte[100];
        Arrays.fill(payload, (byte) '.');
        byte[] number = Integer.toString(n).getBytes(UTF_8);
        System.arraycopy(number, 0, payload, 0, number.length);
        return payload;
    }
}
