package org.openioto.mqtt.internal;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.openioto.mqtt.Qos;

/**
 * {@code ./openioto bench mqtt}: publishes 100-byte messages through the OpenIoto connection and,
 * in the same run, through raw Paho {@code MqttAsyncClient}, to a Mosquitto started on a free
 * loopback port, while {@code mosquitto_sub} counts what arrives. Each scenario runs side by side
 * with its baseline in several rounds, after unmeasured rounds that let the JIT compile both; on a
 * shared machine one round can be far off, so the line gives medians:
 * {@code BENCH <scenario> <msgs_per_s> baseline=<msgs_per_s> ratio=<median of the rounds' ratios>},
 * then the lowest and highest ratio. Then the publish-to-ack latency of one message at a time.
 * Loops are bounded by the message counts and a 120 s limit per step.
 */
public final class MqttBench {

    private static final byte[] PAYLOAD = new byte[100];
    private static final long LIMIT_SECONDS = 120;
    private static final int WARM_UP_ROUNDS = 5;
    private static final int ROUNDS = 5;
    private static final int LATENCY_MESSAGES = 2_000;

    private MqttBench() {
    }

    /** One way to publish {@code messages}, answering messages per second as counted at the subscriber. */
    private interface Run {
        double rate(int messages) throws Exception;
    }

    private record Scenario(String name, int messages, Run ours, int baselineMessages, Run baseline) {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createTempDirectory("openioto-bench");
        AtomicLong runs = new AtomicLong();
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker")).start()) {
            String uri = broker.uri();
            Run ours0 = n -> openioto(uri, dir.resolve("q" + runs.incrementAndGet()), n, Qos.AT_MOST_ONCE);
            Run ours1 = n -> openioto(uri, dir.resolve("q" + runs.incrementAndGet()), n, Qos.AT_LEAST_ONCE);
            List<Scenario> scenarios = List.of(
                    new Scenario("qos0", messages, ours0, messages, n -> paho(uri, new MemoryPersistence(), n, 0, 10)),
                    new Scenario("qos1_window", messages, ours1, messages, n -> paho(uri, new MemoryPersistence(), n, 1, 10)),
                    // every QoS 1 message of ours is durable; Paho forces a file per message, so a
                    // quarter of the messages keeps its side to seconds
                    new Scenario("qos1_durable", messages, ours1, Math.max(200, messages / 4), n -> paho(uri,
                            new MqttDefaultFilePersistence(dir.resolve("paho" + runs.incrementAndGet()).toString()), n, 1, 10)));
            warmUp(scenarios);
            for (Scenario s : scenarios) {
                double[] ours = new double[ROUNDS];
                double[] baseline = new double[ROUNDS];
                double[] ratios = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    ours[r] = s.ours().rate(s.messages());
                    baseline[r] = s.baseline().rate(s.baselineMessages());
                    ratios[r] = ours[r] / baseline[r];
                }
                Arrays.sort(ratios);
                System.out.printf("BENCH %s %.0f baseline=%.0f ratio=%.2f (%d rounds of %d and %d messages, ratios %.2f to %.2f)%n",
                        s.name(), median(ours), median(baseline), median(ratios), ROUNDS, s.messages(),
                        s.baselineMessages(), ratios[0], ratios[ROUNDS - 1]);
            }
            latency("qos1_ack_latency_ms", openiotoLatencies(uri, dir.resolve("latency")), pahoLatencies(uri));
        }
    }

    /**
     * Runs every scenario unmeasured until the JIT has compiled both sides (it takes a few rounds
     * of 20,000 messages), so that neither is timed while the compiler works: whichever ran first
     * would pay for the classes both share.
     */
    private static void warmUp(List<Scenario> scenarios) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            long compiling = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            for (Scenario s : scenarios) {
                s.ours().rate(s.messages());
                s.baseline().rate(Math.min(s.baselineMessages(), 5_000));
            }
            long roundMillis = (System.nanoTime() - start) / 1_000_000;
            if (jit.getTotalCompilationTime() - compiling < roundMillis / 50) {
                return;
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void latency(String name, long[] ours, long[] baseline) {
        Arrays.sort(ours);
        Arrays.sort(baseline);
        System.out.printf("BENCH %s p50=%.3f p99=%.3f baseline p50=%.3f p99=%.3f (%d messages one at a time)%n", name,
                ours[ours.length / 2] / 1e6, ours[ours.length * 99 / 100] / 1e6, baseline[baseline.length / 2] / 1e6,
                baseline[baseline.length * 99 / 100] / 1e6, ours.length);
    }

    /** The OpenIoto connection, fresh in {@code state}: QoS 1 goes through the durable queue. */
    private static double openioto(String uri, Path state, int messages, Qos qos) throws Exception {
        String topic = "bench/" + state.getFileName();
        try (Counter counter = new Counter(uri, topic)) {
            PahoMqttConnection mqtt = connect(uri, state);
            try {
                List<CompletableFuture<Void>> acks = new ArrayList<>(messages);
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    acks.add(mqtt.publish(topic, PAYLOAD, qos, false).acknowledged().toCompletableFuture());
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(LIMIT_SECONDS, TimeUnit.SECONDS);
                return counter.rate(messages, start);
            } finally {
                mqtt.deactivate();
            }
        }
    }

    /** Publish-to-ack times of QoS 1 messages sent one at a time through the OpenIoto connection. */
    private static long[] openiotoLatencies(String uri, Path state) throws Exception {
        PahoMqttConnection mqtt = connect(uri, state);
        try {
            long[] latencies = new long[LATENCY_MESSAGES];
            for (int i = 0; i < latencies.length; i++) {
                long start = System.nanoTime();
                mqtt.publish("bench/latency", PAYLOAD, Qos.AT_LEAST_ONCE, false).awaitAcknowledged(Duration.ofSeconds(10));
                latencies[i] = System.nanoTime() - start;
            }
            return latencies;
        } finally {
            mqtt.deactivate();
        }
    }

    private static PahoMqttConnection connect(String uri, Path state) throws InterruptedException {
        PahoMqttConnection mqtt = new PahoMqttConnection(Configs.mqtt(state, "endpoint", uri.replace("tcp:", "mqtt:")),
                Configs.identity("BENCH" + state.getFileName()), new RecordingLogs().factory());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!mqtt.status().state().equals("connected") && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return mqtt;
    }

    /** Raw Paho with an in-flight window of {@code window}, as an application would use it. */
    private static double paho(String uri, MqttClientPersistence persistence, int messages, int qos, int window)
            throws Exception {
        String topic = "bench/paho" + qos + persistence.getClass().getSimpleName();
        try (Counter counter = new Counter(uri, topic)) {
            Semaphore inFlight = new Semaphore(window);
            MqttAsyncClient client = pahoClient(uri, persistence, window, inFlight::release);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                if (!inFlight.tryAcquire(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Paho stalled");
                }
                client.publish(topic, PAYLOAD, qos, false);
            }
            double rate = counter.rate(messages, start);
            client.disconnect().waitForCompletion(10_000);
            client.close();
            return rate;
        }
    }

    /** Publish-to-ack times of QoS 1 messages sent one at a time through raw Paho. */
    private static long[] pahoLatencies(String uri) throws Exception {
        // Paho wakes a waiter on its receiving thread and counts the message out later on its
        // callback thread, so one at a time can still fill a window of 10
        MqttAsyncClient client = pahoClient(uri, new MemoryPersistence(), 1000, () -> { });
        long[] latencies = new long[LATENCY_MESSAGES];
        for (int i = 0; i < latencies.length; i++) {
            long start = System.nanoTime();
            client.publish("bench/latency", PAYLOAD, 1, false).waitForCompletion(10_000);
            latencies[i] = System.nanoTime() - start;
        }
        client.disconnect().waitForCompletion(10_000);
        client.close();
        return latencies;
    }

    private static MqttAsyncClient pahoClient(String uri, MqttClientPersistence persistence, int window,
            Runnable delivered) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, "bench-paho-" + System.nanoTime(), persistence);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String t, MqttMessage m) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                delivered.run();
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(window);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /**
     * Counts arrivals with {@code mosquitto_sub}, a C client fast enough not to be what is
     * measured; it prints one byte a message, read here in blocks, so that counting takes
     * little of the CPU both sides need.
     */
    private static final class Counter implements AutoCloseable {
        private final Process process;
        private final AtomicLong count = new AtomicLong();
        private volatile long lastAt;

        Counter(String uri, String topic) throws Exception {
            String port = uri.substring(uri.lastIndexOf(':') + 1);
            // QoS 0: what is measured is the publisher's side; a QoS 1 subscription would add the
            // broker's own deliveries and their acks to the machine's load, the same for both sides
            process = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-t", topic, "-q", "0",
                    "-N", "-F", "x").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Thread reader = new Thread(() -> {
                byte[] block = new byte[8192];
                try (var in = process.getInputStream()) {
                    for (int n; (n = in.read(block)) > 0; ) {
                        count.addAndGet(n);
                        lastAt = System.nanoTime();
                    }
                } catch (java.io.IOException e) {
                    // the process ended
                }
            }, "bench-counter");
            reader.setDaemon(true);
            reader.start();
            // mosquitto_sub has subscribed once a retained-free probe comes back
            String probe = "bench-probe-" + System.nanoTime();
            MqttAsyncClient c = new MqttAsyncClient(uri, probe, new MemoryPersistence());
            c.connect().waitForCompletion(10_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count.get() == 0 && System.nanoTime() < deadline) {
                c.publish(topic, new byte[] {'p'}, 0, false);
                TimeUnit.MILLISECONDS.sleep(20);
            }
            c.disconnect().waitForCompletion(10_000);
            c.close();
            TimeUnit.MILLISECONDS.sleep(200);
            count.set(0);
            lastAt = 0;
        }

        /** Waits until {@code expected} arrived or, for QoS 0 losses, nothing came for a second. */
        private void await(int expected, long deadline) throws InterruptedException {
            while (count.get() < expected && System.nanoTime() < deadline
                    && (lastAt == 0 || System.nanoTime() - lastAt < TimeUnit.SECONDS.toNanos(1))) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }

        /** Messages per second from {@code start} to the last arrival, once {@code expected} arrived or arrivals stopped. */
        double rate(int expected, long start) throws InterruptedException {
            await(expected, start + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS));
            return count.get() / ((lastAt - start) / 1e9);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
