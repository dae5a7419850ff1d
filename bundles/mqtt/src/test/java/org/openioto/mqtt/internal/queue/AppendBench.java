package org.openioto.mqtt.internal.queue;

import org.openioto.mqtt.internal.RecordingLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.openioto.mqtt.Qos;

/**
 * Measures appending 100-byte QoS 1 messages, for the record, not as a test: single-threaded
 * append and ack at several flush intervals, then several appenders with one acking sender.
 * From the repository root, after {@code mvn -B -o verify -pl bundles/api,bundles/mqtt -DskipTests -DskipITs}:
 *
 * <pre>
 * java -cp bundles/mqtt/target/test-classes:bundles/mqtt/target/classes:bundles/api/target/classes:\
 * $HOME/.m2/repository/org/osgi/org.osgi.service.log/1.4.0/org.osgi.service.log-1.4.0.jar \
 *   org.openioto.mqtt.internal.queue.AppendBench bundles/mqtt/target/bench 1000000
 * </pre>
 */
public final class AppendBench {

    private static final String TOPIC = "ioto/service/0123456789abcdef/bench";
    private static final byte[] PAYLOAD = new byte[100];

    private AppendBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench"));
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        single(base, Duration.ofMillis(100), count / 10, false);
        System.out.println("single thread, append then ack each, " + count + " messages:");
        for (Duration interval : List.of(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(10))) {
            single(base, interval, count, true);
        }
        single(base, Duration.ZERO, 2_000, true);
        System.out.println("4 appending threads, 1 sender acking, " + count + " messages, flush interval 100 ms:");
        for (int run = 0; run < 2; run++) {
            threads(base, 4, count);
        }
    }

    private static DurableQueue open(Path base, Duration interval) throws IOException {
        Path dir = base.resolve("q" + System.nanoTime());
        return DurableQueue.open(QueueSettings.of(dir, 10_000_000, 4L << 30, interval), new RecordingLogs().logger("mqtt"), m -> { });
    }

    private static void single(Path base, Duration interval, int count, boolean print) throws IOException {
        long start;
        long elapsed;
        try (DurableQueue queue = open(base, interval)) {
            start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                queue.ack(queue.append(TOPIC, PAYLOAD, Qos.AT_LEAST_ONCE, false));
            }
            elapsed = System.nanoTime() - start;
        }
        if (print) {
            System.out.printf("  flush interval %-8s %,10.0f msg/s%n", interval.isZero() ? "0 (each)" : interval.toString().substring(2),
                    count * 1e9 / elapsed);
        }
        clean(base);
    }

    private static void threads(Path base, int threads, int count) throws Exception {
        try (DurableQueue queue = open(base, Duration.ofMillis(100))) {
            AtomicBoolean done = new AtomicBoolean();
            Thread sender = new Thread(() -> {
                long last = 0;
                try {
                    while (!done.get() || queue.next(last).isPresent()) {
                        Optional<QueuedMessage> m = queue.awaitNext(last, Duration.ofMillis(10));
                        if (m.isPresent()) {
                            queue.ack(m.get().id());
                            last = m.get().id();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sender.start();
            List<Thread> appenders = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread appender = new Thread(() -> {
                    for (int i = 0; i < count / threads; i++) {
                        queue.append(TOPIC, PAYLOAD, Qos.AT_LEAST_ONCE, false);
                    }
                });
                appender.start();
                appenders.add(appender);
            }
            for (Thread appender : appenders) {
                appender.join();
            }
            long appended = System.nanoTime() - start;
            done.set(true);
            sender.join();
            long acked = System.nanoTime() - start;
            System.out.printf("  appended %,10.0f msg/s, all acked %,10.0f msg/s%n", count * 1e9 / appended, count * 1e9 / acked);
        }
        clean(base);
    }

    private static void clean(Path base) throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted((a, b) -> b.compareTo(a)).filter(p -> !p.equals(base)).forEach(p -> p.toFile().delete());
        }
    }
}
